// 100,000 tasks in one group with seeded random sleeps, timeouts,
// cancellations and failures: every outcome is accounted for, every frame
// is freed (LeakSanitizer checks the rest in the sanitizer build).

#include "aio/aio.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

using namespace std::chrono_literals;

namespace {

struct tally {
  int completed = 0;
  int timed_out = 0;
  int inner_cancelled = 0;
  int caught = 0;
  int failed = 0;
  int cancelled = 0;
  int live = 0; // frames of stress tasks still alive
};

// Counts itself in `live` for as long as the frame that holds it exists.
struct alive {
  explicit alive(tally &t) : t_(&t) { ++t_->live; }
  alive(const alive &) = delete;
  alive &operator=(const alive &) = delete;
  ~alive() { --t_->live; }
  tally *t_;
};

struct child_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

aio::task<int> inner_sleeper(tally &t, std::chrono::milliseconds d) {
  alive a(t);
  co_await aio::sleep(d);
  co_return 1;
}

aio::task<> inner_failure(tally &t) {
  alive a(t);
  co_await aio::yield();
  throw std::logic_error("inner");
}

aio::task<> child(tally &t, int kind, int a, int b) {
  alive guard(t);
  try {
    switch (kind) {
    case 0:
      co_await aio::sleep(std::chrono::milliseconds(a));
      ++t.completed;
      break;
    case 1:
      try {
        co_await aio::wait_for(
            inner_sleeper(t, std::chrono::milliseconds(a + b)),
            std::chrono::milliseconds(a));
        ++t.completed;
      } catch (const aio::timeout_error &) {
        ++t.timed_out;
      }
      break;
    case 2: {
      auto h = aio::create_task(
          inner_sleeper(t, std::chrono::milliseconds(a + b + 1)));
      // A dropped handle does not stop its task: cancel it on every path.
      struct cancel_on_exit {
        aio::task_handle<int> &h;
        ~cancel_on_exit() { h.cancel(); }
      } stop{h};
      co_await aio::sleep(std::chrono::milliseconds(a));
      h.cancel();
      try {
        co_await h;
        ++t.completed;
      } catch (const aio::cancelled_error &) {
        ++t.inner_cancelled;
      }
      break;
    }
    case 3:
      try {
        co_await inner_failure(t);
      } catch (const std::logic_error &) {
        ++t.caught;
      }
      break;
    default:
      co_await aio::sleep(std::chrono::milliseconds(a));
      ++t.failed;
      throw child_error("child failed");
    }
  } catch (const aio::cancelled_error &) {
    ++t.cancelled;
    throw;
  }
}

} // namespace

TEST(Stress, HundredThousandTasksInOneGroup) {
  constexpr int n = 100'000;
  aio_test::recorder rec;
  tally t;
  {
    aio::event_loop loop(aio_test::manual_options(&rec));
    std::mt19937 rng(20240611);
    std::uniform_int_distribution<int> kind(0, 3);
    std::uniform_int_distribution<int> ms(0, 1000);
    std::bernoulli_distribution rare_failure(0.0005);

    std::size_t errors = 0;
    bool joined_with_error = false;
    auto body = [&]() -> aio::task<> {
      aio::task_group group;
      for (int i = 0; i < n; ++i) {
        int k = rare_failure(rng) ? 4 : kind(rng);
        // Failures come late so most children finish before the group
        // starts cancelling the rest.
        int a = k == 4 ? 900 + ms(rng) / 10 : ms(rng);
        group.spawn(child(t, k, a, ms(rng)));
      }
      try {
        co_await group.join();
      } catch (const child_error &) {
        joined_with_error = true;
      }
      errors = group.errors().size();
      co_await aio::yield(); // inner tasks cancelled on the way out finish
    };
    loop.run_until_complete(body());
    EXPECT_EQ(loop.pending_tasks(), 0U);

    EXPECT_TRUE(joined_with_error);
    EXPECT_GT(t.failed, 0);
    // Every failure reached the group: none lost, none double counted.
    EXPECT_EQ(errors, static_cast<std::size_t>(t.failed));
  }
  EXPECT_EQ(t.completed + t.timed_out + t.inner_cancelled + t.caught +
                t.failed + t.cancelled,
            n);
  EXPECT_GT(t.timed_out, 0);
  EXPECT_GT(t.inner_cancelled, 0);
  EXPECT_GT(t.caught, 0);
  EXPECT_GT(t.cancelled, 0);
  EXPECT_EQ(t.live, 0);
  EXPECT_TRUE(rec.exceptions.empty());
}
