#include "aio/task_handle.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

using namespace std::chrono_literals;

namespace {

aio::task<int> slow_value(int v, std::chrono::seconds d) {
  co_await aio::sleep(d);
  co_return v;
}

aio::task<> fail_after(std::chrono::seconds d) {
  co_await aio::sleep(d);
  throw std::runtime_error("failed");
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

TEST(TaskHandle, ScheduledAtOnceAndAwaitable) {
  aio::event_loop loop(aio_test::manual_options());
  std::vector<int> order;
  auto body = [&]() -> aio::task<int> {
    auto child = [&]() -> aio::task<int> {
      order.push_back(2);
      co_return 7;
    };
    auto h = aio::create_task(child());
    order.push_back(1);
    EXPECT_FALSE(h.done());
    int v = co_await h;
    order.push_back(3);
    EXPECT_TRUE(h.done());
    EXPECT_FALSE(h.cancelled());
    co_return v;
  };
  EXPECT_EQ(loop.run_until_complete(body()), 7);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(TaskHandle, RunsWithoutBeingAwaited) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<int> {
    auto h = aio::create_task(slow_value(3, 1s));
    co_await aio::sleep(2s);
    EXPECT_TRUE(h.done());
    co_return h.result();
  };
  EXPECT_EQ(loop.run_until_complete(body()), 3);
}

TEST(TaskHandle, ExceptionReachesAwaiter) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto h = aio::create_task(fail_after(1s));
    co_await h;
  };
  EXPECT_THROW(loop.run_until_complete(body()), std::runtime_error);
}

TEST(TaskHandle, ExceptionAvailableWithoutAwait) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<bool> {
    auto h = aio::create_task(fail_after(1s));
    co_await aio::sleep(1h);
    co_return h.exception() != nullptr;
  };
  EXPECT_TRUE(loop.run_until_complete(body()));
}

TEST(TaskHandle, ResultOfPendingTaskIsAnError) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto h = aio::create_task(slow_value(1, 1s));
    EXPECT_THROW((void)h.result(), std::logic_error);
    co_await h;
  };
  loop.run_until_complete(body());
}

TEST(Cancel, InterruptsSleep) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto h = aio::create_task(slow_value(1, 1h));
    co_await aio::sleep(1s);
    EXPECT_TRUE(h.cancel());
    EXPECT_THROW(co_await h, aio::cancelled_error);
    EXPECT_TRUE(h.cancelled());
    EXPECT_FALSE(h.cancel()); // already finished
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
}

TEST(Cancel, BeforeFirstStepSkipsBody) {
  aio::event_loop loop(aio_test::manual_options());
  bool ran = false;
  auto body = [&]() -> aio::task<> {
    auto child = [&]() -> aio::task<> {
      ran = true;
      co_return;
    };
    auto h = aio::create_task(child());
    h.cancel();
    EXPECT_THROW(co_await h, aio::cancelled_error);
  };
  loop.run_until_complete(body());
  EXPECT_FALSE(ran);
}

TEST(Cancel, WhileRunningHitsNextSuspension) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<int> {
    aio::task_handle<int> *self = nullptr;
    int steps = 0;
    auto child = [&]() -> aio::task<int> {
      ++steps;
      self->cancel(); // cancel ourselves while running
      ++steps;
      co_await aio::yield(); // throws here
      ++steps;
      co_return steps;
    };
    auto h = aio::create_task(child());
    self = &h;
    EXPECT_THROW(co_await h, aio::cancelled_error);
    co_return steps;
  };
  EXPECT_EQ(loop.run_until_complete(body()), 2);
}

TEST(Cancel, CaughtCancellationLetsTaskFinish) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<int> {
    auto child = [&]() -> aio::task<int> {
      try {
        co_await aio::sleep(1h);
      } catch (const aio::cancelled_error &) {
        co_return -1;
      }
      co_return 1;
    };
    auto h = aio::create_task(child());
    co_await aio::yield();
    h.cancel();
    co_return co_await h;
  };
  EXPECT_EQ(loop.run_until_complete(body()), -1);
}

TEST(Cancel, PropagatesThroughAwaitedHandle) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto inner = aio::create_task(slow_value(1, 1h));
    auto outer_fn = [](aio::task_handle<int> &h) -> aio::task<int> {
      co_return co_await h;
    };
    auto outer = aio::create_task(outer_fn(inner));
    co_await aio::sleep(1s);
    outer.cancel();
    EXPECT_THROW(co_await outer, aio::cancelled_error);
    EXPECT_TRUE(inner.cancelled());
  };
  loop.run_until_complete(body());
}

TEST(Cancel, DroppedHandleKeepsTaskRunning) {
  aio::event_loop loop(aio_test::manual_options());
  int finished = 0;
  auto body = [&]() -> aio::task<> {
    auto child = [&]() -> aio::task<> {
      co_await aio::sleep(1s);
      ++finished;
    };
    {
      auto h = aio::create_task(child());
    }
    co_await aio::sleep(2s);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(finished, 1);
}

TEST(SpawnDetached, ExceptionGoesToHandler) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec));
  auto body = [&]() -> aio::task<> {
    aio::spawn_detached(fail_after(1s));
    co_await aio::sleep(2s);
  };
  loop.run_until_complete(body());
  ASSERT_EQ(rec.exceptions.size(), 1U);
  EXPECT_EQ(rec.exceptions[0].message, "exception in detached task");
  EXPECT_NE(rec.exceptions[0].task_name.find("fail_after"), std::string::npos);
  EXPECT_NE(rec.exceptions[0].created_at.file.find("task_handle_test.cpp"),
            std::string::npos);
}

TEST(SpawnDetached, CancellationIsNotAnError) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec));
  auto body = [&]() -> aio::task<> {
    auto child = []() -> aio::task<> {
      throw aio::cancelled_error{};
      co_return;
    };
    aio::spawn_detached(child());
    co_await aio::yield();
    co_await aio::yield();
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(rec.exceptions.empty());
}

TEST(SpawnDetached, NeverRetrievedExceptionIsReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec));
  auto body = [&]() -> aio::task<> {
    {
      auto h = aio::create_task(fail_after(1s));
    }
    co_await aio::sleep(2s);
  };
  loop.run_until_complete(body());
  ASSERT_EQ(rec.exceptions.size(), 1U);
  EXPECT_EQ(rec.exceptions[0].message, "task exception was never retrieved");
}

namespace {

// Runs `start` and expects the error for a task that was already awaited,
// naming `operation`.
template <class Start>
void expect_already_started_error(Start &&start, std::string_view operation) {
  try {
    start();
    ADD_FAILURE() << operation << " accepted a task that was already awaited";
  } catch (const std::invalid_argument &e) {
    ADD_FAILURE() << "wrong error: " << e.what();
  } catch (const std::logic_error &e) {
    const std::string_view what = e.what();
    EXPECT_NE(what.find(operation), std::string_view::npos) << what;
    EXPECT_NE(what.find("already"), std::string_view::npos) << what;
  }
}

// A task that has run to its end under a plain co_await.
aio::task<aio::task<int>> awaited_task() {
  auto t = slow_value(5, 1s);
  EXPECT_EQ(co_await t, 5);
  co_return std::move(t);
}

} // namespace

TEST(TaskHandle, CreateTaskOnAwaitedTaskIsAnError) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto t = co_await awaited_task();
    expect_already_started_error(
        [&] { (void)aio::create_task(std::move(t)); }, "create_task");
  };
  loop.run_until_complete(body());
}

TEST(TaskHandle, SpawnDetachedOnAwaitedTaskIsAnError) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec));
  auto body = [&]() -> aio::task<> {
    auto t = co_await awaited_task();
    expect_already_started_error(
        [&] { aio::spawn_detached(std::move(t)); }, "spawn_detached");
    co_await aio::yield();
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(rec.exceptions.empty());
}

TEST(TaskHandle, TaskGroupSpawnOnAwaitedTaskIsAnError) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto t = co_await awaited_task();
    aio::task_group group;
    expect_already_started_error([&] { group.spawn(std::move(t)); },
                                 "task_group::spawn");
    EXPECT_EQ(group.running(), 0U);
    co_await group.join();
  };
  loop.run_until_complete(body());
}

TEST(TaskHandle, ShieldOnAwaitedTaskIsAnError) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto t = co_await awaited_task();
    expect_already_started_error([&] { (void)aio::shield(std::move(t)); },
                                 "shield");
  };
  loop.run_until_complete(body());
}

TEST(TaskHandle, RunUntilCompleteOnAwaitedTaskIsAnError) {
  aio::task<int> t;
  {
    aio::event_loop loop(aio_test::manual_options());
    t = loop.run_until_complete(awaited_task());
  }
  aio::event_loop loop(aio_test::manual_options());
  expect_already_started_error(
      [&] { (void)loop.run_until_complete(std::move(t)); },
      "run_until_complete");
}

TEST(TaskHandle, ResultCanBeTakenOnlyOnce) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto owner = [](int v) -> aio::task<std::unique_ptr<int>> {
      co_return std::make_unique<int>(v);
    };
    auto awaited = aio::create_task(owner(1));
    auto inspected = aio::create_task(owner(2));
    auto mixed = aio::create_task(owner(3));
    EXPECT_EQ(*co_await awaited, 1);
    EXPECT_THROW((void)co_await awaited, std::logic_error);
    EXPECT_EQ(*inspected.result(), 2);
    EXPECT_THROW((void)inspected.result(), std::logic_error);
    EXPECT_EQ(*co_await mixed, 3);
    EXPECT_THROW((void)mixed.result(), std::logic_error);
    EXPECT_EQ(mixed.exception(), nullptr);
  };
  loop.run_until_complete(body());
}

TEST(TaskHandle, FailureIsRethrownOnEveryRequest) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto h = aio::create_task(fail_after(1s));
    EXPECT_THROW(co_await h, std::runtime_error);
    EXPECT_THROW(co_await h, std::runtime_error);
    EXPECT_THROW(h.result(), std::runtime_error);
    EXPECT_NE(h.exception(), nullptr);
  };
  loop.run_until_complete(body());
}

TEST(TaskHandle, FinishedVoidTaskMayBeAwaitedAgain) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto pause = []() -> aio::task<> { co_await aio::sleep(1s); };
    auto h = aio::create_task(pause());
    co_await h;
    co_await h;
    h.result();
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
}

TEST(Cancel, PendingCancellationIsForwardedToAwaitedHandle) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto inner = aio::create_task(slow_value(1, 1h));
    aio::task_handle<bool> outer;
    auto outer_fn = [&]() -> aio::task<bool> {
      outer.cancel(); // pending when the await below starts
      try {
        co_await inner;
      } catch (const aio::cancelled_error &) {
        co_return inner.done(); // the awaited task has ended first
      }
      co_return false;
    };
    outer = aio::create_task(outer_fn());
    EXPECT_TRUE(co_await outer);
    EXPECT_TRUE(inner.cancelled());
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 0s);
}

TEST(Cancel, PendingCancellationSwallowedByAwaitedTaskGivesItsValue) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, /*debug=*/true));
  auto body = [&]() -> aio::task<int> {
    auto inner = aio::create_task(swallow_cancellation());
    aio::task_handle<int> outer;
    auto outer_fn = [&]() -> aio::task<int> {
      outer.cancel();
      co_return co_await inner;
    };
    outer = aio::create_task(outer_fn());
    co_return co_await outer;
  };
  EXPECT_EQ(loop.run_until_complete(body()), -1);
  // Only the task that caught cancelled_error swallowed it.
  ASSERT_EQ(rec.count(aio::report_kind::cancellation_swallowed), 1U);
  EXPECT_NE(rec.first(aio::report_kind::cancellation_swallowed)
                ->task_name.find("swallow_cancellation"),
            std::string::npos);
}

TEST(Cancel, PendingCancellationLeavesShieldAtOnce) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto shielded = aio::shield(slow_value(4, 1s));
    aio::task_handle<void> outer;
    auto outer_fn = [&]() -> aio::task<> {
      outer.cancel();
      co_await std::move(shielded);
    };
    outer = aio::create_task(outer_fn());
    EXPECT_THROW(co_await outer, aio::cancelled_error);
    EXPECT_FALSE(shielded.inner().done());
    EXPECT_EQ(aio_test::elapsed(loop), 0s);
    EXPECT_EQ(co_await shielded.inner(), 4);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
}

TEST(Cancel, LongChainOfAwaitedHandlesIsCancelledWithoutRecursion) {
  // Task k awaits task k + 1; the cancellation is forwarded down the whole
  // chain, which as nested calls would need far more than 256 KiB of stack.
  static constexpr std::size_t chain_length = 50'000;
  aio_test::run_on_small_stack(256 * 1024, [] {
    aio::event_loop loop(aio_test::manual_options());
    auto body = [&]() -> aio::task<std::size_t> {
      std::vector<aio::task_handle<void>> chain;
      chain.reserve(chain_length);
      auto link = [](std::vector<aio::task_handle<void>> &all,
                     std::size_t next) -> aio::task<> {
        if (next == chain_length) {
          co_await aio::sleep(1h);
        } else {
          co_await all[next];
        }
      };
      for (std::size_t k = 0; k < chain_length; ++k) {
        chain.push_back(aio::create_task(link(chain, k + 1)));
      }
      co_await aio::yield(); // every link is now parked
      EXPECT_TRUE(chain.front().cancel());
      EXPECT_THROW(co_await chain.front(), aio::cancelled_error);
      std::size_t cancelled = 0;
      for (auto &h : chain) {
        cancelled += h.cancelled() ? 1 : 0;
      }
      co_return cancelled;
    };
    EXPECT_EQ(loop.run_until_complete(body()), chain_length);
    EXPECT_EQ(aio_test::elapsed(loop), 0s);
  });
}

TEST(Cancel, CycleOfAwaitedHandlesStopsForwarding) {
  // Tasks awaiting each other round a cycle are deadlocked; cancelling one
  // (here on a tail leading into the cycle) reaches them all and returns
  // instead of forwarding round the cycle forever.
  for (const std::size_t cycle_length : {1, 2, 3, 1000}) {
    aio::event_loop loop(aio_test::manual_options());
    auto body = [&]() -> aio::task<> {
      constexpr std::size_t tail_length = 5;
      const std::size_t count = tail_length + cycle_length;
      std::vector<aio::task_handle<void>> tasks;
      auto await_next = [](std::vector<aio::task_handle<void>> &all,
                           std::size_t next) -> aio::task<> {
        co_await all[next];
      };
      for (std::size_t k = 0; k < count; ++k) {
        const std::size_t next = k + 1 < count ? k + 1 : tail_length;
        tasks.push_back(aio::create_task(await_next(tasks, next)));
      }
      co_await aio::yield();
      EXPECT_TRUE(tasks.front().cancel());
      EXPECT_FALSE(tasks.front().done());
      EXPECT_FALSE(tasks.back().done());
    };
    loop.run_until_complete(body());
  }
}
