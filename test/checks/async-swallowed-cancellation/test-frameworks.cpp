// Catch2 and GoogleTest assertions expand to try/catch (...) blocks around
// the awaited expressions of coroutine tests. Those handlers are the
// frameworks' and are not reported; the user's own handlers are.
// RUN: %check_async %s async-swallowed-cancellation %t

#include <aio/errors.hpp>
#include <aio/task.hpp>

#include <catch2/catch.hpp>
#include <gtest/gtest.h>

aio::task<int> fetch();
void log(const char *);

aio::task<void> catch2_assertions() {
  CHECK(co_await fetch() == 1);
  REQUIRE(co_await fetch() == 1);
  CHECK_NOTHROW(co_await fetch());
  REQUIRE_THROWS_AS(co_await fetch(), aio::cancelled_error);
  CHECK_THROWS(co_await fetch());
  try {
    CHECK(co_await fetch() == 2);
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:11: note: suspension point that can be cancelled is here
    log("failed");
  }
}

aio::task<void> gtest_assertions() {
  EXPECT_EQ(co_await fetch(), 1);
  EXPECT_NO_THROW(co_await fetch());
  EXPECT_THROW(co_await fetch(), aio::cancelled_error);
  EXPECT_ANY_THROW(co_await fetch());
  try {
    EXPECT_NO_THROW(co_await fetch());
  } catch (const std::exception &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'std::exception', a base of 'aio::cancelled_error', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:21: note: suspension point that can be cancelled is here
    log(e.what());
  }
}
