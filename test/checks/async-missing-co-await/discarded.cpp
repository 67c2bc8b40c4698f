// Awaitables thrown away: as a statement, under a cast to void, on the left
// of a comma, in a branch of a conditional; in coroutines (with the fix-it)
// and in plain functions (without). demo::task has no [[nodiscard]], so
// clang itself says nothing here.
// RUN: %check_async %s async-missing-co-await %t

#include "demo_task.h"

#include <utility>
#include <vector>

demo::task<int> fetch(int key);
demo::task<> flush();

struct client {
  demo::task<int> get(int key);
};

demo::task<int> discards(client &c, bool fast) {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'fetch' is discarded; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await fetch(1);
  (void)fetch(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: awaitable returned by 'fetch' is cast to void, which does not await it; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}  (void)co_await fetch(2);
  static_cast<void>(flush());
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: awaitable returned by 'flush' is cast to void, which does not await it; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}  static_cast<void>(co_await flush());
  c.get(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaitable returned by 'client::get' is discarded; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await c.get(3);
  if (fast)
    flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaitable returned by 'flush' is discarded; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}    co_await flush();
  fast ? fetch(4) : fetch(5);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: awaitable returned by 'fetch' is discarded; the task is lazy and never runs [async-missing-co-await]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: warning: awaitable returned by 'fetch' is discarded; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}  fast ? co_await fetch(4) : co_await fetch(5);
  for (int i = 0; i < 3; flush(), ++i) {
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: awaitable returned by 'flush' is discarded; the task is lazy and never runs [async-missing-co-await]
    // CHECK-FIXES: {{^}}  for (int i = 0; i < 3; co_await flush(), ++i) {
  }
  switch (fast ? 1 : 2) {
  case 1:
    void(fetch(9));
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: awaitable returned by 'fetch' is cast to void, which does not await it; the task is lazy and never runs [async-missing-co-await]
    // CHECK-FIXES: {{^}}    void(co_await fetch(9));
    break;
  default:
    flush();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaitable returned by 'flush' is discarded; the task is lazy and never runs [async-missing-co-await]
    // CHECK-FIXES: {{^}}    co_await flush();
  }
  try {
    co_await flush();
  } catch (...) {
    // co_await may not appear in a handler: no fix-it.
    flush();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaitable returned by 'flush' is discarded; the task is lazy and never runs [async-missing-co-await]
    // CHECK-FIXES: {{^}}    flush();
  }
  auto lambda = [](int k) -> demo::task<int> { co_return k; };
  lambda(6);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'lambda' is discarded; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await lambda(6);
  // A coroutine lambda can await; a plain lambda in a coroutine cannot.
  auto retry = [&]() -> demo::task<> { flush(); co_return; };
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: awaitable returned by 'flush' is discarded; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}  auto retry = [&]() -> demo::task<> { co_await flush(); co_return; };
  auto callback = [] { flush(); };
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: awaitable returned by 'flush' is discarded; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}  auto callback = [] { flush(); };
  co_await retry();
  callback();
  co_return 0;
}

// A plain function cannot await: the finding stands, without a fix-it.
void plain() {
  fetch(7);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'fetch' is discarded; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}  fetch(7);
  auto later = [] {
    flush();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaitable returned by 'flush' is discarded; the task is lazy and never runs [async-missing-co-await]
  };
  later();
}

// A generic function instantiated with a coroutine lambda drops the task; the
// finding is given once, however many instantiations.
template <typename F>
void call_all(F f) {
  f();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'f' is discarded; the task is lazy and never runs [async-missing-co-await]
}
template <typename T>
demo::task<T> twice() {
  fetch(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'fetch' is discarded; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await fetch(8);
  co_return T{};
}
demo::task<> instantiate() {
  call_all([]() -> demo::task<> { co_return; });
  co_await twice<int>();
  co_await twice<long>();
}

// Clean: awaited, returned, passed on, stored, or not an awaitable.
demo::task<int> keep(int n);
void take(demo::task<int>);
struct holder {
  demo::task<int> pending;
};
demo::task<int> clean(holder &h, std::vector<demo::task<int>> &queue) {
  co_await fetch(1);
  int v = co_await fetch(2);
  take(fetch(3));
  queue.push_back(fetch(4));
  queue.emplace_back(fetch(5));
  h.pending = fetch(6);
  queue.back();
  std::move(h.pending);
  co_await std::suspend_always{};
  std::suspend_always{};
  std::suspend_never{};
  co_return co_await keep(v);
}
demo::task<int> forward(int n) { return keep(n); }
