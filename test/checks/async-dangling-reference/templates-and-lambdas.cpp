// Templates are checked in their instantiations, where a parameter's type is
// known; a coroutine lambda's parameters are checked as a function's are.
// A lambda's captures are out of scope: a capture by reference is not a
// parameter of the coroutine.
// RUN: %check_async %s async-dangling-reference %t

#include <aio/aio.hpp>

#include <string>
#include <utility>

template <class T>
aio::task<int> measure(const T &value) { co_return sizeof(value); }

template <class T>
aio::task<int> keep(T &&value) { co_return sizeof(value); }

template <class T>
aio::task<> spawn_measure(aio::task_group &group) {
  T local{};
  group.spawn(measure(local));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'local' is bound to reference parameter 'value' of 'measure', but the task outlives it: 'local' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-10]]:33: note: reference parameter 'value' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task is spawned into 'group' here
  group.spawn(keep(local));
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'local' is bound to reference parameter 'value' of 'keep', but the task outlives it: 'local' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-11]]:25: note: reference parameter 'value' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task is spawned into 'group' here
  co_await measure(local);
  co_return;
}
template aio::task<> spawn_measure<int>(aio::task_group &);
template aio::task<> spawn_measure<std::string>(aio::task_group &);

// A forwarding reference binds to the temporary or to the moved-from local:
// it copies nothing.
aio::task<> by_copy(aio::task_group &group) {
  std::string name = "copy";
  group.spawn(keep(std::string(name)));
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: a temporary is bound to reference parameter 'value' of 'keep', but the task outlives it: the temporary is destroyed at the end of the full expression [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-25]]:25: note: reference parameter 'value' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task is spawned into 'group' here
  group.spawn(keep(std::move(name)));
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'name' is bound to reference parameter 'value' of 'keep', but the task outlives it: 'name' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-29]]:25: note: reference parameter 'value' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task is spawned into 'group' here
  co_return;
}

aio::task<> lambdas(aio::task_group &group) {
  auto echo = [](const std::string &text) -> aio::task<int> {
    co_return static_cast<int>(text.size());
  };
  std::string local = "lambda";
  group.spawn(echo(local));
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'local' is bound to reference parameter 'text' of 'echo', but the task outlives it: 'local' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-6]]:37: note: reference parameter 'text' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task is spawned into 'group' here
  co_await echo(local);

  // Out of scope: the reference capture dangles the same way, but it is not
  // a parameter.
  auto captured = [&local]() -> aio::task<int> {
    co_return static_cast<int>(local.size());
  };
  group.spawn(captured());

  // A lambda that spawns is a function of its own: its parameter outlives
  // its call only if its caller says so.
  auto spawner = [&group, echo](const std::string &key) { group.spawn(echo(key)); };
  spawner(local);
  auto spawner_of_local = [&group, echo]() {
    std::string inner = "inner";
    group.spawn(echo(inner));
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'inner' is bound to reference parameter 'text' of 'echo', but the task outlives it: 'inner' is destroyed at the end of its scope [async-dangling-reference]
    // CHECK-MESSAGES: :[[@LINE-25]]:37: note: reference parameter 'text' is declared here
    // CHECK-MESSAGES: :[[@LINE-3]]:11: note: the task is spawned into 'group' here
  };
  spawner_of_local();
}
