// folly::coro and cppcoro throw their own cancellation types.
// RUN: %check_async %s async-swallowed-cancellation %t

#include "demo_task.h"
#include "mock/cancellation_runtimes.h"

#include <exception>

demo::task<int> fetch();
void log(const char *);

demo::task<void> folly_cancelled() {
  try {
    co_await fetch();
  } catch (const folly::OperationCancelled &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'folly::OperationCancelled' swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    log("cancelled");
  }
}

demo::task<void> cppcoro_cancelled() {
  try {
    co_await fetch();
  } catch (cppcoro::operation_cancelled &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'cppcoro::operation_cancelled' swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
  }
}

// std::exception is a base of both; the first in the catalog is named.
demo::task<void> catch_base() {
  try {
    co_await fetch();
  } catch (const std::exception &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'std::exception', a base of 'cppcoro::operation_cancelled', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    log(e.what());
  }
}

// folly's cancellation is rethrown, but cppcoro's still reaches std::exception.
demo::task<void> one_of_two_rethrown() {
  try {
    co_await fetch();
  } catch (const folly::OperationCancelled &) {
    throw;
  } catch (const std::exception &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'std::exception', a base of 'cppcoro::operation_cancelled', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: suspension point that can be cancelled is here
    log(e.what());
  }
}

// Clean: both cancellations are rethrown before the rest is handled.
demo::task<void> both_rethrown() {
  try {
    co_await fetch();
  } catch (const folly::OperationCancelled &) {
    throw;
  } catch (const cppcoro::operation_cancelled &) {
    throw;
  } catch (const std::exception &e) {
    log(e.what());
  } catch (...) {
    log("unknown");
  }
}

// Clean: nothing in the try block suspends.
demo::task<void> nothing_suspends() {
  try {
    log("synchronous");
  } catch (const folly::OperationCancelled &) {
  }
  co_return;
}
