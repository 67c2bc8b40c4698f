// folly::coro and cppcoro: their cancellation types, and folly's timeout
// wrappers as the bound.
// RUN: %check_async %s async-await-in-cancellation-handler %t

#include "demo_task.h"
#include "mock/cancellation_runtimes.h"

#include <chrono>
#include <exception>

demo::task<int> fetch();
demo::task<void> flush_log();

demo::task<void> folly_cancelled() {
  std::exception_ptr error;
  try {
    co_await fetch();
  } catch (const folly::OperationCancelled &) {
    error = std::current_exception();
  }
  co_await flush_log();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaiting 'flush_log' while handling cancellation is neither shielded nor bounded; shield it or bound it with 'folly::coro::timeout' [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: cancellation caught here
  co_await folly::coro::timeout(flush_log(), std::chrono::milliseconds(100));
  if (error)
    std::rethrow_exception(error);
}

demo::task<void> cppcoro_cancelled() {
  bool cancelled = false;
  try {
    co_await fetch();
  } catch (cppcoro::operation_cancelled &) {
    cancelled = true;
  }
  if (cancelled)
    co_await flush_log();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'flush_log' while handling cancellation is neither shielded nor bounded; shield it or bound it with 'folly::coro::timeout' [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: cancellation caught here
}
