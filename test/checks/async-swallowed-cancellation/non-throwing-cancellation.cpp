// corral cancels a task without an exception: the cancelled task is never
// resumed and its frame is destroyed at the suspension point, so no handler
// of the coroutine sees the cancellation; libcoro has no cancellation at
// all. Their handlers are not reported; the same handler in a task type
// whose cancellation throws is.
// RUN: %check_async %s async-swallowed-cancellation %t
// A task type named by the option is treated the same way: with demo::task
// named, nothing in this file is reported.
// RUN: %check_async --check-suffix=OPTION --config="{CheckOptions: { \
// RUN:   async-swallowed-cancellation.ExtraNonThrowingCancellationTaskTypes: 'demo::task'}}" \
// RUN:   %s async-swallowed-cancellation %t.option

#include "demo_task.h"

#include <exception>

namespace corral {
// The shape of corral's task, enough to be a coroutine's return type.
template <typename T = void>
struct Task : demo::task<T> {
  struct promise_type : demo::task<T>::promise_type {
    Task get_return_object() { return Task{}; }
  };
};
} // namespace corral

namespace coro {
template <typename T = void>
struct task : demo::task<T> {
  struct promise_type : demo::task<T>::promise_type {
    task get_return_object() { return task{}; }
  };
};
} // namespace coro

demo::task<int> fetch();
void log(const char *);

// Clean: a corral task's handlers see failures only.
corral::Task<void> serve() {
  try {
    co_await fetch();
  } catch (...) {
    log("failed");
  }
}

corral::Task<int> serve_value() {
  try {
    co_return co_await fetch();
  } catch (const std::exception &e) {
    log(e.what());
  }
  co_return -1;
}

coro::task<bool> expect_shutdown() {
  try {
    co_await fetch();
  } catch (...) {
    co_return true;
  }
  co_return false;
}

demo::task<void> serve_demo() {
  try {
    co_await fetch();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    log("failed");
  }
}
