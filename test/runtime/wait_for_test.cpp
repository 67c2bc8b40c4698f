#include "aio/wait_for.hpp"

#include "aio/event.hpp"
#include "aio/shield.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace std::chrono_literals;

namespace {

aio::task<int> slow_value(int v, std::chrono::seconds d) {
  co_await aio::sleep(d);
  co_return v;
}

aio::task<int> fail_after(std::chrono::seconds d) {
  co_await aio::sleep(d);
  throw std::runtime_error("inner failed");
}

} // namespace

TEST(WaitFor, FinishesInTime) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<int> {
    co_return co_await aio::wait_for(slow_value(4, 1s), 5s);
  };
  EXPECT_EQ(loop.run_until_complete(body()), 4);
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
}

TEST(WaitFor, TimesOutAndCancelsInner) {
  aio::event_loop loop(aio_test::manual_options());
  bool inner_cancelled = false;
  auto body = [&]() -> aio::task<> {
    auto inner = [&]() -> aio::task<int> {
      try {
        co_await aio::sleep(1h);
      } catch (const aio::cancelled_error &) {
        inner_cancelled = true;
        throw;
      }
      co_return 1;
    };
    EXPECT_THROW(co_await aio::wait_for(inner(), 5s), aio::timeout_error);
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(inner_cancelled);
  EXPECT_EQ(aio_test::elapsed(loop), 5s);
}

TEST(WaitFor, InnerFailurePropagates) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<> {
    EXPECT_THROW(co_await aio::wait_for(fail_after(1s), 5s),
                 std::runtime_error);
  };
  loop.run_until_complete(body());
}

TEST(WaitFor, WorksOnAnyAwaitable) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<> {
    co_await aio::wait_for(aio::sleep(1s), 2s);
    EXPECT_THROW(co_await aio::wait_for(aio::sleep(3s), 2s),
                 aio::timeout_error);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 3s);
}

TEST(WaitFor, OuterCancellationReachesInner) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<> {
    auto outer = []() -> aio::task<int> {
      co_return co_await aio::wait_for(slow_value(1, 1h), 2h);
    };
    auto h = aio::create_task(outer());
    co_await aio::sleep(1s);
    h.cancel();
    EXPECT_THROW(co_await h, aio::cancelled_error);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
}

TEST(WaitFor, InnerThatIgnoresCancellationReturnsItsValue) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<int> {
    auto stubborn = []() -> aio::task<int> {
      try {
        co_await aio::sleep(1h);
      } catch (const aio::cancelled_error &) {
      }
      co_return 9;
    };
    co_return co_await aio::wait_for(stubborn(), 1s);
  };
  EXPECT_EQ(loop.run_until_complete(body()), 9);
}

// A timeout of zero or less starts the work and cancels it at its first
// suspension, as asyncio.timeout(0) and trio.move_on_after(0) do.
TEST(WaitFor, ZeroOrNegativeTimeoutCancelsAtFirstSuspension) {
  for (std::chrono::nanoseconds timeout : {0ns, -1ns, std::chrono::nanoseconds(-1h)}) {
    aio_test::recorder rec;
    aio::event_loop loop(aio_test::manual_options(&rec, true));
    bool started = false;
    bool cancelled = false;
    bool finished = false;
    auto body = [&]() -> aio::task<> {
      auto suspends = [&]() -> aio::task<int> {
        started = true;
        try {
          co_await aio::yield();
        } catch (const aio::cancelled_error &) {
          cancelled = true;
          throw;
        }
        finished = true;
        co_return 1;
      };
      EXPECT_THROW(co_await aio::wait_for(suspends(), timeout),
                   aio::timeout_error);
    };
    loop.run_until_complete(body());
    EXPECT_TRUE(started);
    EXPECT_TRUE(cancelled);
    EXPECT_FALSE(finished);
    EXPECT_EQ(aio_test::elapsed(loop), 0s);
    EXPECT_TRUE(rec.reports.empty()) << aio::format(rec.reports.front());
  }
}

// A result produced without suspending is returned: the work never reached
// a point where it could be cancelled.
TEST(WaitFor, ZeroTimeoutReturnsResultProducedWithoutSuspending) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<int> {
    auto immediate = []() -> aio::task<int> { co_return 3; };
    int sum = co_await aio::wait_for(immediate(), 0s);
    sum += co_await aio::wait_for(immediate(), -1s);
    aio::event ready;
    ready.set();
    co_await aio::wait_for(ready.wait(), 0s); // already set: no suspension
    co_return sum;
  };
  EXPECT_EQ(loop.run_until_complete(body()), 6);
}

TEST(Shield, InnerWorkFinishesWhenOuterIsCancelled) {
  aio::event_loop loop(aio_test::manual_options());
  int committed = 0;
  auto body = [&]() -> aio::task<> {
    auto commit = [&]() -> aio::task<int> {
      co_await aio::sleep(10s);
      ++committed;
      co_return 1;
    };
    auto outer = [&]() -> aio::task<int> {
      co_return co_await aio::shield(commit());
    };
    auto h = aio::create_task(outer());
    co_await aio::sleep(1s);
    h.cancel();
    EXPECT_THROW(co_await h, aio::cancelled_error);
    EXPECT_EQ(aio_test::elapsed(loop), 1s); // the outer left at once
    co_await aio::sleep(20s);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(committed, 1);
}

TEST(Shield, PassesResultThrough) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<int> {
    co_return co_await aio::shield(slow_value(5, 1s));
  };
  EXPECT_EQ(loop.run_until_complete(body()), 5);
}

TEST(Shield, InnerHandleReachableAfterCancellation) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<int> {
    auto shielded = aio::shield(slow_value(6, 10s));
    auto inner = std::move(shielded.inner());
    co_await aio::sleep(1s);
    co_return co_await inner;
  };
  EXPECT_EQ(loop.run_until_complete(body()), 6);
}

TEST(Shield, WaitForOverShieldTimesOutWithoutStoppingWork) {
  aio::event_loop loop(aio_test::manual_options());
  int committed = 0;
  auto body = [&]() -> aio::task<> {
    auto commit = [&]() -> aio::task<int> {
      co_await aio::sleep(10s);
      ++committed;
      co_return 1;
    };
    EXPECT_THROW(co_await aio::wait_for(aio::shield(commit()), 1s),
                 aio::timeout_error);
    EXPECT_EQ(aio_test::elapsed(loop), 1s);
    co_await aio::sleep(20s);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(committed, 1);
}
