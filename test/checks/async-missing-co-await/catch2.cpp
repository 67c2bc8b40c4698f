// Catch2's assertion macros discard their argument in code the user did not
// write (CHECK_NOTHROW expands to static_cast<void>(expr)); only what the
// user writes is reported, including inside a macro's arguments.
// RUN: %check_async %s async-missing-co-await %t

#include <catch2/catch.hpp>

#include "demo_task.h"

demo::task<int> fetch(int key);
bool touch(demo::task<int>);

demo::task<> assertions() {
  int v = co_await fetch(1);
  CHECK(v == 1);
  REQUIRE(v > 0);
  CHECK_NOTHROW(fetch(2));
  REQUIRE_NOTHROW(fetch(3));
  CHECK_THROWS(fetch(4));
  CHECK(touch(fetch(5)));
  CHECK((fetch(6), true));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: awaitable returned by 'fetch' is discarded; the task is lazy and never runs [async-missing-co-await]
}

TEST_CASE("fetching") {
  SECTION("by key") { CHECK_NOTHROW(fetch(7)); }
}
