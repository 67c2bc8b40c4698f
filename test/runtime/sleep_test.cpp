#include "aio/sleep.hpp"

#include "aio/task_handle.hpp"
#include "aio/wait_for.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>

using namespace std::chrono_literals;

namespace {

template <class Duration>
aio::task<> sleep_for(Duration d) {
  co_await aio::sleep(d);
}

// At loop time `start`, starts a sleep of `d`, lets 1 s of loop time pass
// and reports whether the sleep was still going on then; cancels it either
// way.
template <class Duration>
bool still_sleeping_after_a_second(Duration d,
                                   std::chrono::hours start = {}) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<bool> {
    co_await aio::sleep(start);
    auto sleeper = aio::create_task(sleep_for(d));
    co_await aio::sleep(1s);
    const bool pending = !sleeper.done();
    sleeper.cancel();
    try {
      co_await sleeper;
    } catch (const aio::cancelled_error &) {
    }
    co_return pending;
  };
  return loop.run_until_complete(body());
}

} // namespace

// These durations used to overflow when added to now() (UBSan: signed
// overflow in <chrono>) and the sleep ended at once.
TEST(Sleep, HugeDurationsSleepUntilCancelled) {
  EXPECT_TRUE(still_sleeping_after_a_second(std::chrono::hours::max()));
  EXPECT_TRUE(still_sleeping_after_a_second(std::chrono::seconds::max()));
  EXPECT_TRUE(still_sleeping_after_a_second(std::chrono::nanoseconds::max()));
  EXPECT_TRUE(still_sleeping_after_a_second(
      std::chrono::duration<double>(std::numeric_limits<double>::infinity())));
  EXPECT_TRUE(
      still_sleeping_after_a_second(std::chrono::duration<double>(1e300)));
}

TEST(Sleep, HugeNegativeDurationsDoNotWait) {
  EXPECT_FALSE(still_sleeping_after_a_second(-std::chrono::hours::max()));
  EXPECT_FALSE(still_sleeping_after_a_second(std::chrono::seconds::min()));
}

// Sleeping forever with nothing else to do is a deadlock, not a jump of the
// manual clock to the end of time.
TEST(Sleep, SleepingForeverAloneIsADeadlock) {
  aio::event_loop loop(aio_test::manual_options());
  EXPECT_THROW(loop.run_until_complete(sleep_for(std::chrono::hours::max())),
               aio::deadlock_error);
  EXPECT_EQ(aio_test::elapsed(loop), 0s);
}

// A huge sleep that starts late still does not wrap around.
TEST(Sleep, HugeDurationLateInTime) {
  EXPECT_TRUE(still_sleeping_after_a_second(std::chrono::nanoseconds::max(),
                                            std::chrono::hours(1'000'000)));
}

TEST(WaitFor, HugeTimeoutsNeverExpire) {
  aio::event_loop loop(aio_test::manual_options());
  auto slow = []() -> aio::task<int> {
    co_await aio::sleep(1h);
    co_return 7;
  };
  auto body = [&]() -> aio::task<int> {
    int sum = co_await aio::wait_for(slow(), std::chrono::seconds::max());
    sum += co_await aio::wait_for(slow(), std::chrono::hours::max());
    sum += co_await aio::wait_for(slow(), std::chrono::nanoseconds::max());
    co_return sum;
  };
  EXPECT_EQ(loop.run_until_complete(body()), 21);
  EXPECT_EQ(aio_test::elapsed(loop), 3h);
}

TEST(WaitFor, HugeNegativeTimeoutExpiresAtOnce) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    EXPECT_THROW(co_await aio::wait_for(sleep_for(1s), -std::chrono::hours::max()),
                 aio::timeout_error);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 0s);
}

TEST(Sleep, SleepUntilNeverWaitsForCancellation) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto forever = []() -> aio::task<> { co_await aio::sleep_until(aio::never); };
    auto sleeper = aio::create_task(forever());
    co_await aio::sleep(1h);
    EXPECT_FALSE(sleeper.done());
    sleeper.cancel();
    EXPECT_THROW(co_await sleeper, aio::cancelled_error);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 1h);
}

TEST(Clock, SaturatingArithmetic) {
  using aio::duration;
  using aio::time_point;
  EXPECT_EQ(aio::saturating_duration(std::chrono::hours::max()), duration::max());
  EXPECT_EQ(aio::saturating_duration(std::chrono::hours::min()), duration::min());
  EXPECT_EQ(aio::saturating_duration(std::chrono::duration<double>(-1e300)),
            duration::min());
  EXPECT_EQ(aio::saturating_duration(std::chrono::duration<double>(
                std::numeric_limits<double>::quiet_NaN())),
            duration::max());
  EXPECT_EQ(aio::saturating_duration(std::chrono::seconds(3)), 3s);
  EXPECT_EQ(aio::saturating_duration(std::chrono::duration<double>(1.5e-9)),
            2ns); // rounded up, as std::chrono::ceil does
  EXPECT_EQ(aio::saturating_duration(std::chrono::duration<double>(-1.5e-9)),
            -1ns);
  const time_point late = time_point::max() - 1s;
  EXPECT_EQ(aio::saturating_add(late, 2s), aio::never);
  EXPECT_EQ(aio::saturating_add(late, 1s), time_point::max());
  EXPECT_EQ(aio::saturating_add(late, -1s), late - 1s);
  EXPECT_EQ(aio::saturating_add(time_point::min() + 1s, -2s), time_point::min());
  EXPECT_EQ(aio::saturating_add(time_point{}, 5s), time_point{} + 5s);
}
