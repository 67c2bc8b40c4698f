// The same coroutines through async-dangling-reference and through
// clang-tidy's cppcoreguidelines-avoid-reference-coroutine-parameters. The
// peer reports every reference parameter of every coroutine definition,
// however the coroutine is called, and never a std::string_view, std::span
// or pointer parameter; this check reports the calls where the argument dies
// before the task finishes, whatever the parameter's kind.
// RUN: %check_async %s async-dangling-reference %t
// RUN: %clang-tidy -checks='-*,cppcoreguidelines-avoid-reference-coroutine-parameters' --header-filter= %s -- -std=c++20 -I%runtime_include 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PEER -implicit-check-not='{{warning|error|note}}:'

#include <aio/aio.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

aio::task<int> fetch(const std::string &key) {
  // PEER: :[[@LINE-1]]:22: warning: coroutine parameters should not be references [cppcoreguidelines-avoid-reference-coroutine-parameters]
  co_return static_cast<int>(key.size());
}

// Only ever awaited at once: the peer's report is a false positive.
aio::task<int> measure(const std::string &text) {
  // PEER: :[[@LINE-1]]:24: warning: coroutine parameters should not be references [cppcoreguidelines-avoid-reference-coroutine-parameters]
  co_return static_cast<int>(text.size());
}

aio::task<int> lookup(std::string_view key) {
  co_return static_cast<int>(key.size());
}

aio::task<int> total(std::span<const int> values) {
  co_return static_cast<int>(values.size());
}

aio::task<int> bump(int *counter) {
  co_return ++*counter;
}

// Awaited at once: safe.
aio::task<int> awaited() {
  std::string name = "user";
  int sum = co_await fetch(name);
  sum += co_await fetch(std::string("config"));
  sum += co_await measure(name);
  sum += co_await measure(std::string("config"));
  co_return sum;
}

// Spawned: the arguments die first. The peer sees nothing here, and nothing
// at all for the view and pointer parameters; it reports the group instead,
// which outlives the task.
aio::task<> spawned(aio::task_group &group) {
  // PEER: :[[@LINE-1]]:21: warning: coroutine parameters should not be references [cppcoreguidelines-avoid-reference-coroutine-parameters]
  std::string name = "user";
  std::vector<int> values{1, 2, 3};
  int counter = 0;
  group.spawn(fetch(name));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'name' is bound to reference parameter 'key' of 'fetch', but the task outlives it: 'name' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-43]]:41: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task is spawned into 'group' here
  group.spawn(lookup(name));
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: a view of 'name' is bound to view parameter 'key' of 'lookup', but the task outlives it: 'name' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-36]]:40: note: view parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task is spawned into 'group' here
  group.spawn(total(values));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: a view of 'values' is bound to view parameter 'values' of 'total', but the task outlives it: 'values' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-36]]:43: note: view parameter 'values' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task is spawned into 'group' here
  group.spawn(bump(&counter));
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: a pointer to 'counter' is bound to pointer parameter 'counter' of 'bump', but the task outlives it: 'counter' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-36]]:26: note: pointer parameter 'counter' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task is spawned into 'group' here
  co_return;
}
