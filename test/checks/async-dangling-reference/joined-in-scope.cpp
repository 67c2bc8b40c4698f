// A task kept in a local declared before the object it refers to is
// destroyed after that object, but it has finished first when a later
// statement of the object's block joins it: awaits it, awaits or runs to
// completion what owns it (aio::gather over the vector of tasks, aio::run,
// event_loop::run_until_complete), or joins the group it was spawned into.
// A join in a branch or after the object's block does not count.
// RUN: %check_async %s async-dangling-reference %t

#include <aio/aio.hpp>

#include <string>
#include <utility>
#include <vector>

aio::task<int> fetch(const std::string &key);
std::string make_key(int id);

aio::task<int> awaited_together() {
  std::vector<aio::task<int>> tasks;
  std::string first = make_key(1);
  std::string second = make_key(2);
  tasks.push_back(fetch(first));
  tasks.push_back(fetch(second));
  auto values = co_await aio::gather(std::move(tasks));
  co_return values[0] + values[1];
}

int run_together() {
  std::vector<aio::task<int>> tasks;
  std::string key = make_key(3);
  tasks.emplace_back(fetch(key));
  auto values = aio::run(aio::gather(std::move(tasks)));
  return values[0];
}

int run_on_loop() {
  aio::event_loop loop;
  aio::task<int> pending;
  std::string key = make_key(4);
  pending = fetch(key);
  return loop.run_until_complete(std::move(pending));
}

struct batch {
  std::vector<aio::task<int>> tasks;
};

int run_batch() {
  batch work;
  std::string key = make_key(10);
  work.tasks.push_back(fetch(key));
  return aio::run(aio::gather(std::move(work.tasks)))[0];
}

aio::task<int> awaited_later() {
  aio::task<int> pending;
  std::string key = make_key(5);
  pending = fetch(key);
  co_return co_await pending;
}

aio::task<> joined_group() {
  aio::task_group group;
  std::string key = make_key(6);
  group.spawn(fetch(key));
  co_await group.join();
}

// The join comes too late, or may not come at all.
aio::task<int> joined_after_each_key(int count) {
  std::vector<aio::task<int>> tasks;
  for (int i = 0; i < count; ++i) {
    std::string key = make_key(i);
    tasks.push_back(fetch(key));
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'key' is bound to reference parameter 'key' of 'fetch', but the task outlives it: 'key' is destroyed at the end of its scope [async-dangling-reference]
    // CHECK-MESSAGES: :[[@LINE-61]]:41: note: reference parameter 'key' is declared here
    // CHECK-MESSAGES: :[[@LINE-3]]:11: note: the task is stored in 'tasks' here
  }
  auto values = co_await aio::gather(std::move(tasks));
  co_return static_cast<int>(values.size());
}

aio::task<int> joined_in_a_branch(bool wait) {
  std::vector<aio::task<int>> tasks;
  std::string key = make_key(7);
  tasks.push_back(fetch(key));
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'key' is bound to reference parameter 'key' of 'fetch', but the task outlives it: 'key' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-73]]:41: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task is stored in 'tasks' here
  if (wait)
    co_await aio::gather(std::move(tasks));
  co_return 0;
}

aio::task<int> other_tasks_joined() {
  std::string other_key = make_key(8);
  aio::task<int> pending;
  aio::task<int> other = fetch(other_key);
  std::string key = make_key(9);
  pending = fetch(key);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'key' is bound to reference parameter 'key' of 'fetch', but the task outlives it: 'key' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-87]]:41: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: the task is stored in 'pending' here
  co_return co_await other;
}
