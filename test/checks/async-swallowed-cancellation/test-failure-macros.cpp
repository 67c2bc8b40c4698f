// A handler that ends in a test-failure macro (Catch2's FAIL) fails the test
// and ends it by throwing: it does not finish. Catch2's FAIL is used alone
// here, since GoogleTest defines a FAIL of its own.
// RUN: %check_async %s async-swallowed-cancellation %t

#include <aio/errors.hpp>
#include <aio/task.hpp>

#include <catch2/catch.hpp>

aio::task<int> fetch();
void log(const char *);

// Clean: FAIL fails the test and ends it by throwing.
aio::task<void> fail_in_handler() {
  try {
    co_await fetch();
  } catch (...) {
    log("unexpected");
    FAIL("must not throw");
  }
}

// FAIL_CHECK records a failure and goes on: the handler finishes.
aio::task<void> fail_check_in_handler() {
  try {
    co_await fetch();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    FAIL_CHECK("must not throw");
  }
}
