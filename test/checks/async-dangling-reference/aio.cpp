// aio: a coroutine that takes a reference, pointer or view keeps it in its
// frame. Awaited at once, the task ends before the argument dies; spawned,
// stored or returned, it runs after a temporary argument is destroyed, and
// after a local one when nothing joins it first.
// RUN: %check_async %s async-dangling-reference %t

#include <aio/aio.hpp>

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

aio::task<int> fetch(const std::string &key);
aio::task<int> consume(std::string &&key);
aio::task<int> lookup(std::string_view key);
aio::task<int> total(std::span<const int> values);
aio::task<int> bump(int *counter);
std::string make_key(int id);

struct cache {
  aio::task_group group;
  aio::task<int> pending;
  std::vector<aio::task<int>> queued;
  std::string prefix;

  aio::task<> refresh(std::string name);
};

// Temporaries die at the end of the full expression.
aio::task<> temporaries(aio::task_group &group) {
  group.spawn(fetch(std::string("config")));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: a temporary is bound to reference parameter 'key' of 'fetch', but the task outlives it: the temporary is destroyed at the end of the full expression [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-20]]:41: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task is spawned into 'group' here
  aio::spawn_detached(fetch("literal"));
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: a temporary is bound to reference parameter 'key' of 'fetch', but the task outlives it: the temporary is destroyed at the end of the full expression [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-24]]:41: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'aio::spawn_detached' starts the task here and nothing waits for it
  auto handle = aio::create_task(fetch(make_key(1)));
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: a temporary is bound to reference parameter 'key' of 'fetch', but the task outlives it: the temporary is destroyed at the end of the full expression [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-28]]:41: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: the task is stored in 'handle' here
  auto task = consume(make_key(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: a temporary is bound to reference parameter 'key' of 'consume', but the task outlives it: the temporary is destroyed at the end of the full expression [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-31]]:38: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: the task is stored in 'task' here
  aio::spawn_detached(lookup(make_key(3)));
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: a view of a temporary is bound to view parameter 'key' of 'lookup', but the task outlives it: the temporary is destroyed at the end of the full expression [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-34]]:40: note: view parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'aio::spawn_detached' starts the task here and nothing waits for it
  aio::spawn_detached(total(std::vector<int>{1, 2, 3}));
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: a view of a temporary is bound to view parameter 'values' of 'total', but the task outlives it: the temporary is destroyed at the end of the full expression [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-37]]:43: note: view parameter 'values' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'aio::spawn_detached' starts the task here and nothing waits for it
  co_await handle;
  co_await task;
}

// Locals die at the end of their scope; by-value parameters when the caller
// finishes.
aio::task<> locals(cache &c, std::string by_value) {
  std::string name = "user";
  std::vector<int> values{1, 2};
  int counter = 0;
  aio::spawn_detached(fetch(name));
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'name' is bound to reference parameter 'key' of 'fetch', but the task outlives it: 'name' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-54]]:41: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'aio::spawn_detached' starts the task here and nothing waits for it
  aio::spawn_detached(lookup(name));
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: a view of 'name' is bound to view parameter 'key' of 'lookup', but the task outlives it: 'name' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-56]]:40: note: view parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'aio::spawn_detached' starts the task here and nothing waits for it
  aio::spawn_detached(total(values));
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: a view of 'values' is bound to view parameter 'values' of 'total', but the task outlives it: 'values' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-59]]:43: note: view parameter 'values' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'aio::spawn_detached' starts the task here and nothing waits for it
  aio::spawn_detached(bump(&counter));
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: a pointer to 'counter' is bound to pointer parameter 'counter' of 'bump', but the task outlives it: 'counter' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-62]]:26: note: pointer parameter 'counter' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'aio::spawn_detached' starts the task here and nothing waits for it
  aio::spawn_detached(lookup(name.c_str()));
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: a view of 'name' is bound to view parameter 'key' of 'lookup', but the task outlives it: 'name' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-68]]:40: note: view parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'aio::spawn_detached' starts the task here and nothing waits for it
  (void)aio::create_task(fetch(name));
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'name' is bound to reference parameter 'key' of 'fetch', but the task outlives it: 'name' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-74]]:41: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: 'aio::create_task' starts the task here and nothing waits for it
  c.group.spawn(fetch(name));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'name' is bound to reference parameter 'key' of 'fetch', but the task outlives it: 'name' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-78]]:41: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: the task is spawned into 'group' here
  c.pending = fetch(by_value);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'by_value' is bound to reference parameter 'key' of 'fetch', but the task outlives it: 'by_value' is destroyed when 'locals' finishes [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-82]]:41: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: the task is stored in 'pending' here
  c.queued.push_back(fetch(std::move(name)));
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'name' is bound to reference parameter 'key' of 'fetch', but the task outlives it: 'name' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-86]]:41: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the task is stored in 'queued' here
  co_return;
}

// A group joined after the loop variable of each iteration is destroyed.
aio::task<> fan_out(std::vector<std::string> keys) {
  aio::task_group group;
  for (std::string key : keys) {
    group.spawn(fetch(key));
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'key' is bound to reference parameter 'key' of 'fetch', but the task outlives it: 'key' is destroyed at the end of its scope [async-dangling-reference]
    // CHECK-MESSAGES: :[[@LINE-97]]:41: note: reference parameter 'key' is declared here
    // CHECK-MESSAGES: :[[@LINE-3]]:11: note: the task is spawned into 'group' here
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    std::string key = keys[i] + "/meta";
    group.spawn(fetch(key));
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'key' is bound to reference parameter 'key' of 'fetch', but the task outlives it: 'key' is destroyed at the end of its scope [async-dangling-reference]
    // CHECK-MESSAGES: :[[@LINE-104]]:41: note: reference parameter 'key' is declared here
    // CHECK-MESSAGES: :[[@LINE-3]]:11: note: the task is spawned into 'group' here
  }
  co_await group.join();
}

// A task variable declared before the local it refers to.
aio::task<int> stored_early() {
  aio::task<int> later;
  {
    std::string key = "inner";
    later = fetch(key);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'key' is bound to reference parameter 'key' of 'fetch', but the task outlives it: 'key' is destroyed at the end of its scope [async-dangling-reference]
    // CHECK-MESSAGES: :[[@LINE-117]]:41: note: reference parameter 'key' is declared here
    // CHECK-MESSAGES: :[[@LINE-3]]:11: note: the task is stored in 'later' here
  }
  co_return co_await later;
}

// Returned from a function that is not a coroutine: its locals and
// by-value parameters are gone when the task runs.
aio::task<int> by_id(int id) {
  std::string key = make_key(id);
  return fetch(key);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'key' is bound to reference parameter 'key' of 'fetch', but the task outlives it: 'key' is destroyed when 'by_id' returns [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-129]]:41: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the task is returned here
}
aio::task<int> by_name(std::string name) { return lookup(name); }
// CHECK-MESSAGES: :[[@LINE-1]]:58: warning: a view of 'name' is bound to view parameter 'key' of 'lookup', but the task outlives it: 'name' is destroyed when 'by_name' returns [async-dangling-reference]
// CHECK-MESSAGES: :[[@LINE-132]]:40: note: view parameter 'key' is declared here
// CHECK-MESSAGES: :[[@LINE-3]]:44: note: the task is returned here
aio::task<int> by_temporary() { return fetch(make_key(0)); }
// CHECK-MESSAGES: :[[@LINE-1]]:46: warning: a temporary is bound to reference parameter 'key' of 'fetch', but the task outlives it: the temporary is destroyed at the end of the full expression [async-dangling-reference]
// CHECK-MESSAGES: :[[@LINE-138]]:41: note: reference parameter 'key' is declared here
// CHECK-MESSAGES: :[[@LINE-3]]:33: note: the task is returned here

aio::task<> cache::refresh(std::string name) {
  std::string local = prefix + name;
  pending = fetch(local);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'local' is bound to reference parameter 'key' of 'fetch', but the task outlives it: 'local' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-145]]:41: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: the task is stored in 'pending' here
  co_return;
}

// Clean: awaited in the same full expression, or owned by something that
// ends first.
aio::task<int> clean(std::vector<std::string> keys, const std::string &outer) {
  std::string name = "user";
  int counter = 0;
  int sum = co_await fetch(name);
  sum += co_await fetch(std::string("config"));
  sum += co_await fetch(make_key(4));
  sum += co_await lookup(name);
  sum += co_await bump(&counter);
  sum += co_await aio::create_task(fetch(make_key(5)));
  sum += co_await aio::wait_for(fetch(name), std::chrono::seconds(1));
  aio::spawn_detached(lookup("a literal lives forever"));
  aio::spawn_detached(fetch(outer));
  static std::string global_key = "static";
  aio::spawn_detached(fetch(global_key));

  // The group is declared after the objects it borrows, or joined while
  // they live.
  aio::task_group group;
  for (const std::string &key : keys)
    group.spawn(fetch(key));
  group.spawn(fetch(name));
  group.spawn(fetch(keys.front()));
  std::string late = "late";
  group.spawn(fetch(late));
  co_await group.join();

  // A task variable declared after the objects it borrows.
  auto first = fetch(name);
  auto second = lookup(name);
  std::vector<aio::task<int>> tasks;
  tasks.push_back(fetch(name));
  sum += co_await first;
  sum += co_await second;
  for (auto &t : tasks)
    sum += co_await t;

  // A lazy task that is never awaited never runs (async-missing-co-await
  // reports it).
  fetch(std::string("never"));
  aio::spawn_detached(fetch(std::string("suppressed"))); // NOLINT(async-dangling-reference)
  co_return sum;
}

aio::task<int> forward(const std::string &key) { return fetch(key); }
