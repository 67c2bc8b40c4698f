// Every debug-mode report: a program that provokes it, and a correct
// program that does not.

#include "aio/aio.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using aio::report_kind;

namespace {

[[maybe_unused]] constexpr unsigned compute_line = __LINE__ + 1;
aio::task<int> compute() { co_return 1; }

aio::task<> sleeper(std::chrono::seconds d) { co_await aio::sleep(d); }

aio::task<> fail_soon() {
  co_await aio::yield();
  throw std::runtime_error("unobserved");
}

bool in_this_file(const aio::code_location &where) {
  return where.file.find("debug_test.cpp") != std::string::npos;
}

} // namespace

TEST(Debug, FormatIsOneLineWithLocation) {
  aio::debug_report r;
  r.kind = report_kind::slow_step;
  r.message = "step took 3 ms";
  r.task_name = "aio::task<int> f()";
  r.where = {"/src/a.cpp", 12, 5, "f"};
  EXPECT_EQ(aio::format(r),
            "aio-debug: slow-step: /src/a.cpp:12:5: step took 3 ms [task "
            "aio::task<int> f()]");
  testing::internal::CaptureStderr();
  aio::print_to_stderr(r);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), aio::format(r) + "\n");
  EXPECT_EQ(aio::to_string(report_kind::blocking_call), "blocking-call");
  EXPECT_EQ(aio::to_string(report_kind::never_awaited), "never-awaited");
  EXPECT_EQ(aio::to_string(report_kind::destroyed_pending),
            "destroyed-pending");
  EXPECT_EQ(aio::to_string(report_kind::exception_never_retrieved),
            "exception-never-retrieved");
  EXPECT_EQ(aio::to_string(report_kind::cancellation_swallowed),
            "cancellation-swallowed");
  EXPECT_EQ(aio::to_string(report_kind::stuck_cancelled_await),
            "stuck-cancelled-await");
  EXPECT_EQ(aio::to_string(report_kind::group_not_joined), "group-not-joined");
  EXPECT_EQ(aio::to_string(report_kind::unbounded_fan_out),
            "unbounded-fan-out");
  EXPECT_EQ(aio::code_location{}.to_string(), "<unknown>");
}

TEST(Debug, DefaultSinkPrintsToStderr) {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  options.slow_step = 0ns;
  aio::event_loop loop(options);
  testing::internal::CaptureStderr();
  loop.run_until_complete(compute());
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(err.rfind("aio-debug: slow-step: ", 0), 0U) << err;
  EXPECT_NE(err.find("debug_test.cpp:"), std::string::npos) << err;
}

TEST(Debug, SlowStepIsReported) {
  aio_test::recorder rec;
  auto options = aio_test::manual_options(&rec, true);
  options.slow_step = 0ns; // every step is longer than nothing
  aio::event_loop loop(options);
  const unsigned line = __LINE__ + 1;
  loop.run_until_complete(compute());
  ASSERT_GE(rec.count(report_kind::slow_step), 1U);
  const auto *r = rec.first(report_kind::slow_step);
  EXPECT_TRUE(in_this_file(r->where));
  EXPECT_EQ(r->where.line, line);
  EXPECT_NE(r->task_name.find("compute"), std::string::npos);
}

TEST(Debug, FastStepsAreNotReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  loop.run_until_complete(sleeper(1h));
  EXPECT_EQ(rec.count(report_kind::slow_step), 0U);
}

TEST(Debug, NeverAwaitedTaskIsReportedAtItsCallSite) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  unsigned line = 0;
  auto body = [&]() -> aio::task<> {
    line = __LINE__ + 1;
    auto forgotten = compute(); // never awaited
    co_return;
  };
  loop.run_until_complete(body());
  ASSERT_EQ(rec.count(report_kind::never_awaited), 1U);
  const auto *r = rec.first(report_kind::never_awaited);
  EXPECT_TRUE(in_this_file(r->where)) << r->where.to_string();
  EXPECT_NE(r->task_name.find("compute"), std::string::npos);
#ifdef __OPTIMIZE__
  // Optimizers may inline the coroutine's ramp into its caller, losing the
  // call site; the report then names the coroutine's definition instead.
  EXPECT_TRUE(r->where.line == line || r->where.line == compute_line)
      << aio::format(*r);
#else
  EXPECT_EQ(r->where.line, line) << aio::format(*r);
#endif
}

TEST(Debug, MissingCoAwaitOnWaitForIsReportedOnceAtTheCall) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  unsigned line = 0;
  auto body = [&]() -> aio::task<> {
    line = __LINE__ + 1;
    auto forgotten = aio::wait_for(compute(), 1s); // and compute()'s task
    co_return;
  };
  loop.run_until_complete(body());
  ASSERT_EQ(rec.reports.size(), 1U);
  const auto &r = rec.reports.front();
  EXPECT_EQ(r.kind, report_kind::never_awaited);
  EXPECT_TRUE(in_this_file(r.where)) << aio::format(r);
  EXPECT_EQ(r.where.line, line) << aio::format(r);
}

TEST(Debug, MissingCoAwaitOnGatherIsReportedOnceAtTheCall) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  unsigned line = 0;
  auto body = [&]() -> aio::task<> {
    line = __LINE__ + 1;
    auto forgotten = aio::gather(compute(), compute()); // three tasks
    co_return;
  };
  loop.run_until_complete(body());
  ASSERT_EQ(rec.reports.size(), 1U);
  const auto &r = rec.reports.front();
  EXPECT_EQ(r.kind, report_kind::never_awaited);
  EXPECT_TRUE(in_this_file(r.where)) << aio::format(r);
  EXPECT_EQ(r.where.line, line) << aio::format(r);
}

TEST(Debug, MissingCoAwaitsOnTwoLinesAreBothReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  unsigned first = 0;
  unsigned second = 0;
  auto body = [&]() -> aio::task<> {
    first = __LINE__ + 1;
    auto a = compute();
    second = __LINE__ + 1;
    auto b = compute();
    co_return;
  };
  loop.run_until_complete(body());
  ASSERT_EQ(rec.count(report_kind::never_awaited), 2U);
#ifndef __OPTIMIZE__
  EXPECT_EQ(rec.reports[0].where.line, second); // destroyed in reverse order
  EXPECT_EQ(rec.reports[1].where.line, first);
#endif
}

TEST(Debug, AwaitedTasksAreNotReportedAsNeverAwaited) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto body = [&]() -> aio::task<int> {
    auto later = compute();
    int a = co_await later;
    co_return a + co_await compute();
  };
  EXPECT_EQ(loop.run_until_complete(body()), 2);
  EXPECT_TRUE(rec.reports.empty());
}

TEST(Debug, NeverAwaitedOutsideDebugModeIsSilent) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, false));
  auto body = [&]() -> aio::task<> {
    auto forgotten = compute();
    co_return;
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(rec.reports.empty());
}

TEST(Debug, DestroyedPendingDetachedTask) {
  aio_test::recorder rec;
  unsigned line = 0;
  {
    aio::event_loop loop(aio_test::manual_options(&rec, true));
    auto body = [&]() -> aio::task<> {
      line = __LINE__ + 1;
      aio::spawn_detached(sleeper(1h));
      co_await aio::yield();
    };
    loop.run_until_complete(body());
  }
  ASSERT_EQ(rec.count(report_kind::destroyed_pending), 1U);
  const auto *r = rec.first(report_kind::destroyed_pending);
  EXPECT_TRUE(in_this_file(r->where));
  EXPECT_EQ(r->where.line, line);
  EXPECT_NE(r->task_name.find("sleeper"), std::string::npos);
}

TEST(Debug, TeardownDestroysTasksHoldingEachOthersHandles) {
  // Each link holds the handle of the one created before it, so only the
  // newest is unreferenced at first; destroying it frees the next.
  constexpr int length = 200;
  aio_test::recorder rec;
  aio::event never;
  int destroyed = 0;
  struct counted {
    int *destroyed;
    ~counted() { ++*destroyed; }
  };
  {
    aio::event_loop loop(aio_test::manual_options(&rec, true));
    auto link = [&](aio::task_handle<void> previous) -> aio::task<> {
      counted guard{&destroyed};
      co_await never.wait();
      (void)previous;
    };
    auto body = [&]() -> aio::task<> {
      aio::task_handle<void> last;
      for (int i = 0; i < length; ++i) {
        last = aio::create_task(link(std::move(last)));
      }
      co_await aio::yield();
    };
    loop.run_until_complete(body());
  }
  EXPECT_EQ(destroyed, length);
  EXPECT_EQ(rec.count(report_kind::destroyed_pending),
            static_cast<std::size_t>(length));
  EXPECT_TRUE(rec.exceptions.empty());
}

TEST(Debug, FinishedDetachedWorkIsNotReported) {
  aio_test::recorder rec;
  {
    aio::event_loop loop(aio_test::manual_options(&rec, true));
    auto body = [&]() -> aio::task<> {
      aio::spawn_detached(sleeper(1s));
      co_await aio::sleep(2s);
    };
    loop.run_until_complete(body());
  }
  EXPECT_TRUE(rec.reports.empty());
}

TEST(Debug, ExceptionNeverRetrieved) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  unsigned line = 0;
  auto body = [&]() -> aio::task<> {
    {
      line = __LINE__ + 1;
      auto dropped = aio::create_task(fail_soon());
    }
    co_await aio::sleep(1s);
  };
  loop.run_until_complete(body());
  ASSERT_EQ(rec.count(report_kind::exception_never_retrieved), 1U);
  EXPECT_EQ(rec.first(report_kind::exception_never_retrieved)->where.line,
            line);
  EXPECT_EQ(rec.exceptions.size(), 1U);
}

TEST(Debug, RetrievedExceptionIsNotReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto body = [&]() -> aio::task<> {
    auto h = aio::create_task(fail_soon());
    EXPECT_THROW(co_await h, std::runtime_error);
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(rec.reports.empty());
  EXPECT_TRUE(rec.exceptions.empty());
}

TEST(Debug, CancellationSwallowed) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  unsigned line = 0;
  auto swallow = []() -> aio::task<int> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
    }
    co_return 0;
  };
  auto body = [&]() -> aio::task<> {
    line = __LINE__ + 1;
    auto h = aio::create_task(swallow());
    co_await aio::yield();
    h.cancel();
    co_await h;
  };
  loop.run_until_complete(body());
  ASSERT_EQ(rec.count(report_kind::cancellation_swallowed), 1U);
  EXPECT_EQ(rec.first(report_kind::cancellation_swallowed)->where.line, line);
}

TEST(Debug, CancellationPropagatedIsNotReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto cleanup_then_rethrow = []() -> aio::task<int> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
      throw;
    }
    co_return 0;
  };
  auto body = [&]() -> aio::task<> {
    auto h = aio::create_task(cleanup_then_rethrow());
    co_await aio::yield();
    h.cancel();
    EXPECT_THROW(co_await h, aio::cancelled_error);
    // wait_for's own cancellation of its inner work is not swallowing.
    EXPECT_THROW(co_await aio::wait_for(sleeper(1h), 1s), aio::timeout_error);
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(rec.reports.empty());
}

TEST(Debug, CancellationPassedOnToAChildIsNotSwallowed) {
  // The joiner is cancelled between two steps; join() passes the
  // cancellation on to the group, whose child turns it into an error. No
  // cancelled_error ever reaches the joiner, so it swallows nothing.
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  aio::event go;
  auto stop_with_error = []() -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
      throw std::runtime_error("stopped");
    }
  };
  auto joiner = [&]() -> aio::task<int> {
    aio::task_group group;
    group.spawn(stop_with_error());
    co_await go.wait();
    try {
      co_await group.join();
    } catch (const std::runtime_error &) {
      co_return 1;
    }
    co_return 0;
  };
  auto body = [&]() -> aio::task<> {
    auto h = aio::create_task(joiner());
    co_await aio::sleep(1s);
    go.set();   // the joiner is ready to run again...
    h.cancel(); // ...when its cancellation is requested
    EXPECT_EQ(co_await h, 1);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(rec.count(report_kind::cancellation_swallowed), 0U);
}

TEST(Debug, CancellationNeverDeliveredIsNotSwallowed) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  aio::event go;
  auto finish_without_suspending = [&]() -> aio::task<int> {
    co_await go.wait();
    co_return 2; // the pending cancellation has no suspension point left
  };
  auto body = [&]() -> aio::task<> {
    auto h = aio::create_task(finish_without_suspending());
    co_await aio::sleep(1s);
    go.set();
    h.cancel();
    EXPECT_EQ(co_await h, 2);
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(rec.reports.empty());
}

TEST(Debug, GatherChildReportsNameTheGatherCall) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto swallow = []() -> aio::task<int> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
    }
    co_return 0;
  };
  unsigned line = 0;
  auto body = [&]() -> aio::task<> {
    line = __LINE__ + 1;
    auto gathered = aio::gather(swallow(), fail_soon());
    EXPECT_THROW(co_await std::move(gathered), std::runtime_error);
  };
  loop.run_until_complete(body());
  ASSERT_EQ(rec.count(report_kind::cancellation_swallowed), 1U);
  const auto *r = rec.first(report_kind::cancellation_swallowed);
  EXPECT_TRUE(in_this_file(r->where)) << aio::format(*r);
  EXPECT_EQ(r->where.line, line) << aio::format(*r);
}

TEST(Debug, WaitForChildReportsNameTheWaitForCall) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto swallow = []() -> aio::task<int> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
    }
    co_return 0;
  };
  unsigned line = 0;
  auto body = [&]() -> aio::task<> {
    line = __LINE__ + 1;
    EXPECT_EQ(co_await aio::wait_for(swallow(), 1s), 0);
  };
  loop.run_until_complete(body());
  ASSERT_EQ(rec.count(report_kind::cancellation_swallowed), 1U);
  const auto *r = rec.first(report_kind::cancellation_swallowed);
  EXPECT_TRUE(in_this_file(r->where)) << aio::format(*r);
  EXPECT_EQ(r->where.line, line) << aio::format(*r);
}

TEST(Debug, StuckCancelledAwaitIsReportedWhenTheGraceEnds) {
  aio_test::recorder rec;
  auto options = aio_test::manual_options(&rec, true);
  auto clock = options.clock;
  std::chrono::nanoseconds reported_at{-1};
  options.on_debug_report = [&](const aio::debug_report &r) {
    if (r.kind == report_kind::stuck_cancelled_await) {
      reported_at = clock->now().time_since_epoch();
    }
    rec.reports.push_back(r);
  };
  aio::event_loop loop(options);
  auto stubborn = []() -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
    }
    co_await aio::sleep(24h); // ignores the cancellation for a day
  };
  unsigned line = 0;
  auto body = [&]() -> aio::task<> {
    line = __LINE__ + 1;
    auto h = aio::create_task(stubborn());
    co_await aio::yield();
    h.cancel();
    co_await h;
  };
  loop.run_until_complete(body());
  ASSERT_EQ(rec.count(report_kind::stuck_cancelled_await), 1U);
  const auto *r = rec.first(report_kind::stuck_cancelled_await);
  EXPECT_EQ(r->where.line, line);
  EXPECT_FALSE(r->task_name.empty());
  // When the default grace ends, not when the stubborn task ends a day later.
  EXPECT_EQ(reported_at, 1s);
  EXPECT_EQ(aio_test::elapsed(loop), 24h);
}

TEST(Debug, StuckCancelledAwaitBeforeDeadlock) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  aio::event never;
  auto ignore = [&]() -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
    }
    co_await never.wait();
  };
  auto body = [&]() -> aio::task<> {
    auto h = aio::create_task(ignore());
    co_await aio::yield();
    h.cancel();
    co_await h;
  };
  EXPECT_THROW(loop.run_until_complete(body()), aio::deadlock_error);
  EXPECT_EQ(rec.count(report_kind::stuck_cancelled_await), 1U);
}

TEST(Debug, SlowCancellationCleanupIsNotStuck) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  aio::event never;
  auto flush_then_stop = []() -> aio::task<> {
    bool cancelled = false;
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
      cancelled = true;
    }
    if (cancelled) {
      co_await aio::sleep(20ms); // asynchronous cleanup, e.g. a flush
      throw aio::cancelled_error{};
    }
  };
  auto body = [&]() -> aio::task<> {
    auto h = aio::create_task(flush_then_stop());
    co_await aio::yield();
    h.cancel();
    EXPECT_THROW(co_await h, aio::cancelled_error);
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(rec.reports.empty());
  EXPECT_EQ(aio_test::elapsed(loop), 20ms);
}

TEST(Debug, StuckCancelGraceIsConfigurable) {
  aio_test::recorder rec;
  auto options = aio_test::manual_options(&rec, true);
  options.stuck_cancel_grace = 10ms;
  auto clock = options.clock;
  std::chrono::nanoseconds reported_at{-1};
  options.on_debug_report = [&](const aio::debug_report &r) {
    reported_at = clock->now().time_since_epoch();
    rec.reports.push_back(r);
  };
  aio::event_loop loop(options);
  auto slow_cleanup = []() -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
    }
    co_await aio::sleep(20ms);
    throw aio::cancelled_error{};
  };
  unsigned line = 0;
  auto body = [&]() -> aio::task<> {
    line = __LINE__ + 1;
    auto h = aio::create_task(slow_cleanup());
    co_await aio::yield();
    h.cancel();
    EXPECT_THROW(co_await h, aio::cancelled_error);
  };
  loop.run_until_complete(body());
  ASSERT_EQ(rec.count(report_kind::stuck_cancelled_await), 1U);
  EXPECT_EQ(rec.first(report_kind::stuck_cancelled_await)->where.line, line);
  EXPECT_EQ(reported_at, 10ms);
}

TEST(Debug, BoundedAwaitOfACancelledTaskIsNotStuck) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto ignore_first_cancel = []() -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
    }
    co_await aio::sleep(30s); // the second cancellation ends it
  };
  auto body = [&]() -> aio::task<> {
    auto h = aio::create_task(ignore_first_cancel());
    co_await aio::yield();
    h.cancel();
    EXPECT_THROW(co_await aio::wait_for(std::move(h), 5s), aio::timeout_error);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(rec.count(report_kind::stuck_cancelled_await), 0U);
  EXPECT_EQ(aio_test::elapsed(loop), 5s);
}

TEST(Debug, AwaitStartedAfterTheGraceIsReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto stubborn = []() -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
    }
    co_await aio::sleep(1h);
  };
  auto body = [&]() -> aio::task<> {
    auto h = aio::create_task(stubborn());
    co_await aio::yield();
    h.cancel();
    co_await aio::sleep(5s); // the grace ends while nobody awaits it
    co_await h;
  };
  loop.run_until_complete(body());
  EXPECT_EQ(rec.count(report_kind::stuck_cancelled_await), 1U);
}

TEST(Debug, PromptCancellationIsNotStuck) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto body = [&]() -> aio::task<> {
    auto h = aio::create_task(sleeper(1h));
    co_await aio::yield();
    h.cancel();
    EXPECT_THROW(co_await h, aio::cancelled_error);
    aio::task_group group;
    group.spawn(sleeper(1h));
    co_await aio::yield();
    group.cancel();
    co_await group.join();
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(rec.reports.empty());
}

TEST(Debug, CorrectProgramProducesNoReports) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto body = [&]() -> aio::task<int> {
    aio::queue<int> q(4);
    aio::mutex m;
    aio::event ready;
    int total = 0;
    auto producer = [&]() -> aio::task<> {
      for (int i = 1; i <= 10; ++i) {
        co_await q.push(i);
      }
      ready.set();
    };
    auto consumer = [&]() -> aio::task<> {
      for (int i = 0; i < 10; ++i) {
        int v = co_await q.pop();
        auto guard = co_await m.scoped_lock();
        total += v;
      }
    };
    aio::task_group group;
    group.spawn(producer());
    group.spawn(consumer());
    co_await group.join();
    co_await ready.wait();
    auto [a, b] = co_await aio::gather(compute(), compute());
    int c = co_await aio::wait_for(compute(), 1s);
    int d = co_await aio::shield(compute());
    int e = co_await aio::to_thread([] { return 1; });
    co_return total + a + b + c + d + e;
  };
  EXPECT_EQ(loop.run_until_complete(body()), 60);
  EXPECT_TRUE(rec.reports.empty());
  EXPECT_TRUE(rec.exceptions.empty());
}

namespace {

aio::loop_options fan_out_options(aio_test::recorder &rec, std::size_t bound) {
  auto options = aio_test::manual_options(&rec, true);
  options.max_tasks_per_call_site = bound;
  return options;
}

} // namespace

TEST(Debug, UnboundedFanOutIsReportedOncePerCallSite) {
  aio_test::recorder rec;
  aio::event_loop loop(fan_out_options(rec, 3));
  unsigned spawn_line = 0;
  unsigned create_line = 0;
  unsigned detach_line = 0;
  auto body = [&]() -> aio::task<> {
    for (int round = 0; round < 2; ++round) {
      aio::task_group group;
      for (int i = 0; i < 8; ++i) {
        spawn_line = __LINE__ + 1;
        group.spawn(sleeper(1s));
      }
      co_await group.join();
    }
    std::vector<aio::task_handle<void>> handles;
    for (int i = 0; i < 5; ++i) {
      create_line = __LINE__ + 1;
      handles.push_back(aio::create_task(sleeper(1s)));
    }
    for (auto &h : handles) {
      co_await h;
    }
    for (int i = 0; i < 4; ++i) {
      detach_line = __LINE__ + 1;
      aio::spawn_detached(sleeper(1s));
    }
    co_await aio::sleep(2s);
  };
  loop.run_until_complete(body());
  ASSERT_EQ(rec.count(report_kind::unbounded_fan_out), 3U);
  std::vector<unsigned> lines;
  for (const auto &r : rec.reports) {
    if (r.kind == report_kind::unbounded_fan_out) {
      EXPECT_TRUE(in_this_file(r.where)) << r.where.to_string();
      EXPECT_NE(r.task_name.find("sleeper"), std::string::npos) << r.task_name;
      EXPECT_NE(r.message.find("4 tasks created here are in flight"),
                std::string::npos)
          << r.message;
      lines.push_back(r.where.line);
    }
  }
  EXPECT_EQ(lines, (std::vector<unsigned>{spawn_line, create_line, detach_line}));
  EXPECT_EQ(rec.reports.size(), 3U);
}

TEST(Debug, GatherOverAVectorIsCountedAtTheGatherCall) {
  aio_test::recorder rec;
  aio::event_loop loop(fan_out_options(rec, 3));
  unsigned gather_line = 0;
  auto body = [&]() -> aio::task<int> {
    std::vector<aio::task<int>> tasks;
    for (int i = 0; i < 5; ++i) {
      tasks.push_back(compute());
    }
    gather_line = __LINE__ + 1;
    auto values = co_await aio::gather(std::move(tasks));
    co_return static_cast<int>(values.size());
  };
  EXPECT_EQ(loop.run_until_complete(body()), 5);
  ASSERT_EQ(rec.count(report_kind::unbounded_fan_out), 1U);
  const auto *r = rec.first(report_kind::unbounded_fan_out);
  EXPECT_TRUE(in_this_file(r->where)) << r->where.to_string();
  EXPECT_EQ(r->where.line, gather_line);
}

TEST(Debug, FanOutAtTheBoundIsNotReported) {
  aio_test::recorder rec;
  aio::event_loop loop(fan_out_options(rec, 3));
  auto body = [&]() -> aio::task<int> {
    aio::task_group group;
    for (int i = 0; i < 3; ++i) {
      group.spawn(sleeper(1s));
    }
    std::vector<aio::task<int>> tasks;
    for (int i = 0; i < 3; ++i) {
      tasks.push_back(compute());
    }
    auto values = co_await aio::gather(std::move(tasks));
    // A gather of a fixed list is bounded by the code that writes it.
    auto [a, b, c, d] =
        co_await aio::gather(compute(), compute(), compute(), compute());
    co_await group.join();
    co_return static_cast<int>(values.size()) + a + b + c + d;
  };
  EXPECT_EQ(loop.run_until_complete(body()), 7);
  EXPECT_TRUE(rec.reports.empty());
}

TEST(Debug, FanOutCountDropsWhenTasksFinish) {
  aio_test::recorder rec;
  aio::event_loop loop(fan_out_options(rec, 3));
  auto spawn_three = [](aio::task_group &group) {
    for (int i = 0; i < 3; ++i) {
      group.spawn(sleeper(1s));
    }
  };
  auto body = [&]() -> aio::task<> {
    for (int batch = 0; batch < 5; ++batch) {
      aio::task_group group;
      spawn_three(group);
      co_await group.join();
    }
    {
      // Children destroyed with their unjoined group are no longer in
      // flight either.
      aio::task_group abandoned;
      spawn_three(abandoned);
    }
    aio::task_group group;
    spawn_three(group);
    co_await group.join();
  };
  loop.run_until_complete(body());
  EXPECT_EQ(rec.count(report_kind::group_not_joined), 1U);
  EXPECT_EQ(rec.count(report_kind::unbounded_fan_out), 0U);
}

// --- slow-cancellation-cleanup: a task that caught its cancellation waits
// too long in an await that is neither shielded nor bounded.

namespace {

aio::task<> slow_cleanup(std::chrono::seconds d) { co_await aio::sleep(d); }

std::string formatted(const aio_test::recorder &rec) {
  std::string text;
  for (const auto &r : rec.reports) {
    text += aio::format(r) + "\n";
  }
  return text;
}

// Cancels `worker` once it is parked, then awaits it to its end.
aio::task<> cancel_and_await(aio::task<> worker) {
  auto h = aio::create_task(std::move(worker));
  co_await aio::yield();
  h.cancel();
  try {
    co_await h;
  } catch (const aio::cancelled_error &) {
  }
}

} // namespace

TEST(DebugSlowCancellationCleanup, ReportedAtTheAwaitOnceTheGraceHasPassed) {
  aio_test::recorder rec;
  auto options = aio_test::manual_options(&rec, true);
  auto clock = options.clock;
  std::chrono::nanoseconds reported_at{-1};
  options.on_debug_report = [&](const aio::debug_report &r) {
    reported_at = clock->now().time_since_epoch();
    rec.reports.push_back(r);
  };
  aio::event_loop loop(options);
  unsigned cleanup_line = 0;
  auto worker = [&]() -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
    }
    cleanup_line = __LINE__ + 1;
    co_await aio::sleep(5s); // cleanup that takes too long
    throw aio::cancelled_error{};
  };
  loop.run_until_complete(cancel_and_await(worker()));
  ASSERT_EQ(rec.count(report_kind::slow_cancellation_cleanup), 1U);
  const auto *r = rec.first(report_kind::slow_cancellation_cleanup);
  EXPECT_TRUE(in_this_file(r->where)) << r->where.to_string();
  EXPECT_EQ(r->where.line, cleanup_line);
  EXPECT_EQ(reported_at, 1s); // the default grace after the cancellation
  EXPECT_EQ(aio_test::elapsed(loop), 5s);
}

TEST(DebugSlowCancellationCleanup, ReportedOncePerTask) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto worker = []() -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
    }
    co_await slow_cleanup(5s);
    co_await slow_cleanup(5s);
    throw aio::cancelled_error{};
  };
  loop.run_until_complete(cancel_and_await(worker()));
  EXPECT_EQ(rec.count(report_kind::slow_cancellation_cleanup), 1U);
}

TEST(DebugSlowCancellationCleanup, CleanupWithinTheGraceIsNotReported) {
  aio_test::recorder rec;
  auto options = aio_test::manual_options(&rec, true);
  options.cancellation_cleanup_grace = 10s;
  aio::event_loop loop(options);
  auto worker = []() -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
    }
    co_await slow_cleanup(5s);
    co_await aio::sleep(4s);
    throw aio::cancelled_error{};
  };
  loop.run_until_complete(cancel_and_await(worker()));
  EXPECT_EQ(rec.count(report_kind::slow_cancellation_cleanup), 0U)
      << formatted(rec);
  EXPECT_EQ(aio_test::elapsed(loop), 9s);
}

TEST(DebugSlowCancellationCleanup, ShieldedCleanupIsNotReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto worker = []() -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
    }
    co_await aio::shield(slow_cleanup(5s));
    throw aio::cancelled_error{};
  };
  loop.run_until_complete(cancel_and_await(worker()));
  EXPECT_EQ(rec.count(report_kind::slow_cancellation_cleanup), 0U)
      << formatted(rec);
  EXPECT_EQ(aio_test::elapsed(loop), 5s);
}

TEST(DebugSlowCancellationCleanup, CleanupBoundedByADeadlineIsNotReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  bool timed_out = false;
  auto worker = [&]() -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
    }
    try {
      co_await aio::wait_for(slow_cleanup(1min), 5s);
    } catch (const aio::timeout_error &) {
      timed_out = true;
    }
    throw aio::cancelled_error{};
  };
  loop.run_until_complete(cancel_and_await(worker()));
  EXPECT_TRUE(timed_out);
  EXPECT_EQ(rec.count(report_kind::slow_cancellation_cleanup), 0U)
      << formatted(rec);
}

TEST(DebugSlowCancellationCleanup, TaskAwaitedUnderADeadlineIsNotReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto worker = []() -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
    }
    co_await aio::sleep(5s);
    throw aio::cancelled_error{};
  };
  auto body = [&]() -> aio::task<> {
    auto h = aio::create_task(worker());
    co_await aio::yield();
    h.cancel();
    // The deadline bounds the wait for the worker's cleanup.
    EXPECT_THROW(co_await aio::wait_for(std::move(h), 1min),
                 aio::cancelled_error);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(rec.count(report_kind::slow_cancellation_cleanup), 0U)
      << formatted(rec);
  EXPECT_EQ(aio_test::elapsed(loop), 5s);
}

TEST(DebugSlowCancellationCleanup, NothingWithoutDebugModeNorOnTheClock) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, false));
  aio::event never;
  auto worker = [&]() -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
    }
    co_await never.wait();
  };
  EXPECT_THROW(loop.run_until_complete(cancel_and_await(worker())),
               aio::deadlock_error);
  EXPECT_EQ(rec.count(report_kind::slow_cancellation_cleanup), 0U)
      << formatted(rec);
  EXPECT_EQ(aio_test::elapsed(loop), 0s); // no watch timer moved the clock
}

TEST(DebugSlowCancellationCleanup, ReportedBeforeADeadlock) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  aio::event never;
  auto worker = [&]() -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
    }
    co_await never.wait();
  };
  EXPECT_THROW(loop.run_until_complete(cancel_and_await(worker())),
               aio::deadlock_error);
  EXPECT_EQ(rec.count(report_kind::slow_cancellation_cleanup), 1U);
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
}

// --- io-without-deadline: a network wait with no deadline lasts longer than
// loop_options::io_idle_bound.

namespace {

struct connected_pair {
  aio::tcp_stream client;
  aio::tcp_stream server;
};

aio::task<connected_pair> connect_pair(aio::tcp_listener &listener) {
  connected_pair pair;
  pair.client =
      co_await aio::tcp_stream::connect("127.0.0.1", listener.port());
  pair.server = co_await listener.accept();
  co_return pair;
}

// Reads with no deadline of its own.
aio::task<std::size_t> read_some(aio::tcp_stream &s) {
  std::array<std::byte, 16> buffer{};
  co_return co_await s.read(buffer);
}

// Keeps `peer` silent for `silence`, then writes one byte.
aio::task<> answer_after(aio::tcp_stream &peer, std::chrono::seconds silence) {
  co_await aio::sleep(silence);
  const std::array<std::byte, 1> byte{std::byte{1}};
  co_await peer.write(byte);
}

} // namespace

TEST(DebugIoWithoutDeadline, ReadReportedAtItsLinePastTheBound) {
  aio_test::recorder rec;
  auto options = aio_test::manual_options(&rec, true);
  auto clock = options.clock;
  std::chrono::nanoseconds reported_at{-1};
  options.on_debug_report = [&](const aio::debug_report &r) {
    reported_at = clock->now().time_since_epoch();
    rec.reports.push_back(r);
  };
  aio::event_loop loop(options);
  unsigned read_line = 0;
  auto body = [&]() -> aio::task<std::size_t> {
    auto listener = aio::tcp_listener::bind("127.0.0.1");
    auto pair = co_await connect_pair(listener);
    auto peer = aio::create_task(answer_after(pair.server, 1h));
    std::array<std::byte, 16> buffer{};
    read_line = __LINE__ + 1;
    std::size_t n = co_await pair.client.read(buffer);
    co_await peer;
    co_return n;
  };
  EXPECT_EQ(loop.run_until_complete(body()), 1U);
  ASSERT_EQ(rec.count(report_kind::io_without_deadline), 1U);
  const auto *r = rec.first(report_kind::io_without_deadline);
  EXPECT_TRUE(in_this_file(r->where)) << r->where.to_string();
  EXPECT_EQ(r->where.line, read_line);
  EXPECT_NE(r->message.find("tcp_stream::read"), std::string::npos);
  EXPECT_EQ(reported_at, 30s); // the default bound
  EXPECT_EQ(aio_test::elapsed(loop), 1h);
}

TEST(DebugIoWithoutDeadline, ReadExactlyNamesItsCaller) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  unsigned read_line = 0;
  auto body = [&]() -> aio::task<> {
    auto listener = aio::tcp_listener::bind("127.0.0.1");
    auto pair = co_await connect_pair(listener);
    auto peer = aio::create_task(answer_after(pair.server, 1h));
    std::array<std::byte, 1> buffer{};
    read_line = __LINE__ + 1;
    co_await pair.client.read_exactly(buffer);
    co_await peer;
  };
  loop.run_until_complete(body());
  ASSERT_EQ(rec.count(report_kind::io_without_deadline), 1U);
  const auto *r = rec.first(report_kind::io_without_deadline);
  EXPECT_TRUE(in_this_file(r->where)) << r->where.to_string();
  EXPECT_EQ(r->where.line, read_line);
}

TEST(DebugIoWithoutDeadline, ReportedOncePerCallSite) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto body = [&]() -> aio::task<> {
    auto listener = aio::tcp_listener::bind("127.0.0.1");
    auto pair = co_await connect_pair(listener);
    for (int i = 0; i < 3; ++i) {
      auto peer = aio::create_task(answer_after(pair.server, 1min));
      EXPECT_EQ(co_await read_some(pair.client), 1U);
      co_await peer;
    }
  };
  loop.run_until_complete(body());
  EXPECT_EQ(rec.count(report_kind::io_without_deadline), 1U);
}

TEST(DebugIoWithoutDeadline, WaitWithinTheBoundIsNotReported) {
  aio_test::recorder rec;
  auto options = aio_test::manual_options(&rec, true);
  options.io_idle_bound = 2min;
  aio::event_loop loop(options);
  auto body = [&]() -> aio::task<> {
    auto listener = aio::tcp_listener::bind("127.0.0.1");
    auto pair = co_await connect_pair(listener);
    auto peer = aio::create_task(answer_after(pair.server, 1min));
    EXPECT_EQ(co_await read_some(pair.client), 1U);
    co_await peer;
  };
  loop.run_until_complete(body());
  EXPECT_EQ(rec.count(report_kind::io_without_deadline), 0U) << formatted(rec);
  EXPECT_EQ(aio_test::elapsed(loop), 1min);
}

TEST(DebugIoWithoutDeadline, ReadsUnderADeadlineAreNotReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto body = [&]() -> aio::task<> {
    auto listener = aio::tcp_listener::bind("127.0.0.1");
    auto first = co_await connect_pair(listener);
    auto second = co_await connect_pair(listener);
    // Directly, through a helper, and through gather's group.
    EXPECT_THROW(co_await aio::wait_for(read_some(first.client), 1min),
                 aio::timeout_error);
    EXPECT_THROW(
        co_await aio::wait_for(
            aio::gather(read_some(first.client), read_some(second.client)),
            1min),
        aio::timeout_error);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(rec.count(report_kind::io_without_deadline), 0U) << formatted(rec);
  EXPECT_EQ(aio_test::elapsed(loop), 2min);
}

TEST(DebugIoWithoutDeadline, ShieldedReadIsNotBoundedByTheOuterDeadline) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto body = [&]() -> aio::task<> {
    auto listener = aio::tcp_listener::bind("127.0.0.1");
    auto pair = co_await connect_pair(listener);
    auto peer = aio::create_task(answer_after(pair.server, 1h));
    auto shielded = aio::shield(read_some(pair.client));
    auto await_shielded = [&]() -> aio::task<std::size_t> {
      co_return co_await std::move(shielded);
    };
    EXPECT_THROW(co_await aio::wait_for(await_shielded(), 10s),
                 aio::timeout_error);
    // The read runs on after the deadline, with none of its own.
    EXPECT_EQ(co_await shielded.inner(), 1U);
    co_await peer;
  };
  loop.run_until_complete(body());
  EXPECT_EQ(rec.count(report_kind::io_without_deadline), 1U);
}

TEST(DebugIoWithoutDeadline, AcceptIsWatchedOnlyWhenAskedFor) {
  for (bool watch_accept : {false, true}) {
    aio_test::recorder rec;
    auto options = aio_test::manual_options(&rec, true);
    options.watch_idle_accept = watch_accept;
    aio::event_loop loop(options);
    auto body = [&]() -> aio::task<> {
      auto listener = aio::tcp_listener::bind("127.0.0.1");
      auto late_client = [&]() -> aio::task<aio::tcp_stream> {
        co_await aio::sleep(1h);
        co_return co_await aio::tcp_stream::connect("127.0.0.1",
                                                    listener.port());
      };
      auto client = aio::create_task(late_client());
      (void)co_await listener.accept();
      (void)co_await client;
    };
    loop.run_until_complete(body());
    EXPECT_EQ(rec.count(report_kind::io_without_deadline),
              watch_accept ? 1U : 0U);
  }
}

TEST(DebugIoWithoutDeadline, NothingWithoutDebugMode) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, false));
  auto body = [&]() -> aio::task<> {
    auto listener = aio::tcp_listener::bind("127.0.0.1");
    auto pair = co_await connect_pair(listener);
    auto peer = aio::create_task(answer_after(pair.server, 1h));
    EXPECT_EQ(co_await read_some(pair.client), 1U);
    co_await peer;
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(rec.reports.empty()) << formatted(rec);
}
