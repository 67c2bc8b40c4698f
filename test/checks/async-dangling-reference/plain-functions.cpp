// Only a coroutine keeps its parameters in a frame. A function that returns
// a task without being a coroutine is done with its arguments when it
// returns, unless it returns the task of a call that keeps them: its body is
// followed when it is visible. A function only declared here is presumed a
// coroutine, except for a task it takes by reference, which it takes over.
// RUN: %check_async %s async-dangling-reference %t

#include <aio/aio.hpp>

#include <string>
#include <utility>

aio::task<int> fetch(const std::string &key);
aio::task<int> fetch_owned(std::string key);
aio::task<int> adopt(aio::task<int> &&work);

// Not coroutines: the first copies the key into the task it returns, the
// others hand the reference on to a coroutine that keeps it.
aio::task<int> fetch_copy(const std::string &key) { return fetch_owned(key); }
aio::task<int> relay(const std::string &key) { return fetch(key); }
template <class... Args>
aio::task<int> relay_all(Args &&...args) {
  return fetch(std::forward<Args>(args)...);
}
template <class... Args>
aio::task<int> copy_all(Args &&...args) {
  return fetch_owned(std::string(std::forward<Args>(args))...);
}
// Not a coroutine: the task it is given is moved into the one it returns.
aio::task<int> take_over(aio::task<int> &&work) {
  return adopt(std::move(work));
}
// A coroutine: it keeps the reference to the task it is given.
aio::task<int> await_later(aio::task<int> &&work) { co_return co_await work; }

void plain_functions(aio::task_group &group) {
  std::string name = "user";
  aio::spawn_detached(fetch_copy(name));
  aio::spawn_detached(copy_all(name));
  aio::spawn_detached(adopt(fetch_owned("a")));
  aio::spawn_detached(take_over(fetch_owned("b")));
  group.spawn(fetch_copy(std::string("temporary")));

  aio::spawn_detached(relay(name));
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'name' is bound to reference parameter 'key' of 'relay', but the task outlives it: 'name' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-26]]:41: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'aio::spawn_detached' starts the task here and nothing waits for it
  aio::spawn_detached(relay_all(name));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'name' is bound to reference parameter 'args' of 'relay_all', but the task outlives it: 'name' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-28]]:36: note: reference parameter 'args' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'aio::spawn_detached' starts the task here and nothing waits for it
  aio::spawn_detached(await_later(fetch_owned("c")));
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: a temporary is bound to reference parameter 'work' of 'await_later', but the task outlives it: the temporary is destroyed at the end of the full expression [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-20]]:45: note: reference parameter 'work' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'aio::spawn_detached' starts the task here and nothing waits for it
  group.spawn(relay(std::string("temporary")));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: a temporary is bound to reference parameter 'key' of 'relay', but the task outlives it: the temporary is destroyed at the end of the full expression [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-38]]:41: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task is spawned into 'group' here
}

// A reference member refers to an object that is not a part of the
// aggregate holding it.
struct borrowed_request {
  const std::string &path;
  int attempt;
};
struct owned_request {
  std::string path;
  int attempt;
};

void reference_members(const std::string &path) {
  borrowed_request borrowed{path, 1};
  aio::spawn_detached(fetch(borrowed.path));
  owned_request owned{path, 1};
  aio::spawn_detached(fetch(owned.path));
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'owned' is bound to reference parameter 'key' of 'fetch', but the task outlives it: 'owned' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-66]]:41: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'aio::spawn_detached' starts the task here and nothing waits for it
}
