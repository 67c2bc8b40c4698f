// libcoro has no cancellation: a coro::task runs to its end, and no handler
// in it can swallow one. The same handler in a task type whose
// cancellation throws is reported. Declarations from the libcoro stubs.
// RUN: %check_async %s async-swallowed-cancellation %t

#include "demo_task.h"
#include "mock/libcoro.h"

#include <chrono>
#include <memory>

using namespace std::chrono_literals;

void log_failure();

coro::task<> poll(std::unique_ptr<coro::scheduler> &s) {
  for (;;) {
    try {
      co_await s->yield_for(1s);
    } catch (...) {
      log_failure();
    }
  }
}

demo::task<> poll_demo(std::unique_ptr<coro::scheduler> &s) {
  for (;;) {
    try {
      co_await s->yield_for(1s);
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: suspension point that can be cancelled is here
      log_failure();
    }
  }
}
