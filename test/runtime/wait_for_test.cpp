#include "aio/wait_for.hpp"

#include "aio/event.hpp"
#include "aio/shield.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <stdexcept>
#include <string>

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

namespace {

// Link `depth` of a chain: waits with a long timeout for the next link, the
// last one sleeps. Counts the links that end by letting cancelled_error out.
aio::task<> nested_wait(std::size_t depth, std::size_t &ended_cancelled) {
  try {
    if (depth == 0) {
      co_await aio::sleep(1h);
    } else {
      co_await aio::wait_for(nested_wait(depth - 1, ended_cancelled), 2h);
    }
  } catch (const aio::cancelled_error &) {
    ++ended_cancelled;
    throw;
  }
}

aio::task<int> swallow_cancellation() {
  try {
    co_await aio::sleep(1h);
  } catch (const aio::cancelled_error &) {
    co_return -1;
  }
  co_return 1;
}

} // namespace

TEST(WaitFor, LongChainOfNestedWaitsIsCancelledWithoutRecursion) {
  // Cancelling the head is forwarded through every wait_for down the chain;
  // as nested calls that would need far more than 256 KiB of stack.
  static constexpr std::size_t chain_length = 50'000;
  aio_test::run_on_small_stack(256 * 1024, [] {
    aio::event_loop loop(aio_test::manual_options());
    std::size_t ended_cancelled = 0;
    auto body = [&]() -> aio::task<> {
      auto head = aio::create_task(nested_wait(chain_length, ended_cancelled));
      co_await aio::sleep(1s); // every link is now waiting
      EXPECT_TRUE(head.cancel());
      EXPECT_THROW(co_await head, aio::cancelled_error);
    };
    loop.run_until_complete(body());
    EXPECT_EQ(ended_cancelled, chain_length + 1);
    EXPECT_EQ(aio_test::elapsed(loop), 1s);
  });
}

TEST(WaitFor, CancellationPendingAtTimeoutSwallowedByInnerWorkGivesItsValue) {
  // The deadline passes and, in the same step, the caller is cancelled
  // before it runs: the cancellation is pending when wait_for waits for the
  // timed-out work to end. It goes to that work, which catches it; only that
  // work swallowed a cancellation, not the caller.
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, /*debug=*/true));
  auto body = [&]() -> aio::task<int> {
    aio::task_handle<int> outer;
    auto cancel_outer = [&]() -> aio::task<> {
      co_await aio::sleep(1s); // its timer is due just before wait_for's
      outer.cancel();
    };
    auto canceller = aio::create_task(cancel_outer());
    auto outer_fn = []() -> aio::task<int> {
      co_return co_await aio::wait_for(swallow_cancellation(), 1s);
    };
    outer = aio::create_task(outer_fn());
    co_await canceller;
    co_return co_await outer;
  };
  EXPECT_EQ(loop.run_until_complete(body()), -1);
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
  ASSERT_EQ(rec.count(aio::report_kind::cancellation_swallowed), 1U);
  EXPECT_NE(rec.first(aio::report_kind::cancellation_swallowed)
                ->task_name.find("swallow_cancellation"),
            std::string::npos);
}
