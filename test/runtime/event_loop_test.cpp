#include "aio/event_loop.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

aio::task<int> nested_run() {
  co_return aio::run([]() -> aio::task<int> { co_return 1; }());
}

} // namespace

TEST(EventLoop, RunInsideRunningLoopThrowsLogicError) {
  EXPECT_THROW(aio::run(nested_run()), std::logic_error);
}

TEST(EventLoop, RunUntilCompleteOnLoopWithOptions) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<int> {
    co_await aio::sleep(5s);
    co_return 5;
  };
  EXPECT_EQ(loop.run_until_complete(body()), 5);
  EXPECT_EQ(aio_test::elapsed(loop), 5s);
}

TEST(EventLoop, ManualClockJumpsToNextTimer) {
  aio::event_loop loop(aio_test::manual_options());
  std::vector<int> order;
  auto sleeper = [&](int id, std::chrono::seconds d) -> aio::task<> {
    co_await aio::sleep(d);
    order.push_back(id);
  };
  auto body = [&]() -> aio::task<> {
    auto a = aio::create_task(sleeper(3, 3h));
    auto b = aio::create_task(sleeper(1, 1h));
    auto c = aio::create_task(sleeper(2, 2h));
    co_await a;
    co_await b;
    co_await c;
  };
  loop.run_until_complete(body());
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(aio_test::elapsed(loop), 3h);
}

TEST(EventLoop, SleepUntilAbsoluteDeadline) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    co_await aio::sleep_until(loop.now() + 10min);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 10min);
}

TEST(EventLoop, YieldInterleavesTasks) {
  aio::event_loop loop(aio_test::manual_options());
  std::vector<char> trace;
  auto worker = [&](char id) -> aio::task<> {
    for (int i = 0; i < 3; ++i) {
      trace.push_back(id);
      co_await aio::yield();
    }
  };
  auto body = [&]() -> aio::task<> {
    auto a = aio::create_task(worker('a'));
    auto b = aio::create_task(worker('b'));
    co_await a;
    co_await b;
  };
  loop.run_until_complete(body());
  EXPECT_EQ(trace, (std::vector<char>{'a', 'b', 'a', 'b', 'a', 'b'}));
}

TEST(EventLoop, DeadlockIsDetected) {
  aio::event_loop loop(aio_test::manual_options());
  auto stuck = []() -> aio::task<> {
    struct forever {
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<>) const noexcept {}
      void await_resume() const noexcept {}
    };
    co_await forever{};
  };
  EXPECT_THROW(loop.run_until_complete(stuck()), aio::deadlock_error);
}

TEST(EventLoop, RealClockWaitsForTimers) {
  // The one test on real time: a 1 ms timer on the real clock.
  auto body = []() -> aio::task<int> {
    auto start = std::chrono::steady_clock::now();
    co_await aio::sleep(0ms);
    co_await aio::sleep(1ms);
    co_return std::chrono::steady_clock::now() - start >= 1ms ? 1 : 0;
  };
  EXPECT_EQ(aio::run(body()), 1);
}

TEST(EventLoop, DefaultExceptionHandlerPrintsToStderr) {
  testing::internal::CaptureStderr();
  {
    aio::loop_options options;
    options.clock = std::make_shared<aio::manual_clock>();
    aio::event_loop loop(options);
    auto failing = []() -> aio::task<> {
      throw std::runtime_error("detached failure");
      co_return;
    };
    auto body = [&]() -> aio::task<> {
      aio::spawn_detached(failing());
      co_await aio::sleep(1s);
    };
    loop.run_until_complete(body());
    EXPECT_FALSE(loop.debug());
    EXPECT_TRUE(loop.options().clock->is_manual());
  }
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("aio: exception in detached task: detached failure [task"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("event_loop_test.cpp:"), std::string::npos) << err;
}

TEST(EventLoop, ManualClockAdvance) {
  aio::manual_clock clock;
  clock.advance(5s);
  clock.jump_to(aio::time_point{} + 1s); // never goes back
  EXPECT_EQ(clock.now().time_since_epoch(), 5s);
  aio::real_clock real;
  EXPECT_FALSE(real.is_manual());
  real.jump_to(aio::time_point{}); // ignored
  EXPECT_GT(real.now().time_since_epoch(), 0s);
}

TEST(EventLoop, ErrorsDescribeThemselves) {
  EXPECT_STREQ(aio::cancelled_error{}.what(), "aio: task cancelled");
  EXPECT_STREQ(aio::timeout_error{}.what(), "aio: operation timed out");
}

TEST(EventLoop, CreateTaskOutsideLoopThrows) {
  auto body = []() -> aio::task<> { co_return; };
  EXPECT_THROW((void)aio::create_task(body()), std::logic_error);
}

TEST(EventLoop, PendingTasksAreCancelledWhenTheMainTaskFinishes) {
  auto flag = std::make_shared<int>(0);
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto sleeper = [](std::shared_ptr<int> keep) -> aio::task<> {
      co_await aio::sleep(1h);
      *keep = 1;
    };
    aio::spawn_detached(sleeper(flag));
    co_await aio::yield();
  };
  loop.run_until_complete(body());
  EXPECT_EQ(loop.pending_tasks(), 0U);
  EXPECT_EQ(*flag, 0);
  EXPECT_EQ(flag.use_count(), 1);
  EXPECT_EQ(aio_test::elapsed(loop), 0s);
}

TEST(EventLoop, ThrowingExceptionHandlerIsReportedAndTheLoopGoesOn) {
  int calls = 0;
  testing::internal::CaptureStderr();
  {
    aio::loop_options options = aio_test::manual_options();
    options.on_exception = [&](const aio::exception_context &) {
      ++calls;
      throw std::runtime_error("handler broke");
    };
    aio::event_loop loop(options);
    auto failing = []() -> aio::task<> {
      throw std::runtime_error("detached failure");
      co_return;
    };
    auto body = [&]() -> aio::task<int> {
      aio::spawn_detached(failing());
      co_await aio::sleep(1s);
      co_return 5;
    };
    EXPECT_EQ(loop.run_until_complete(body()), 5);
  }
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(calls, 1);
  EXPECT_NE(err.find("aio: exception handler failed: handler broke"),
            std::string::npos)
      << err;
  // The error the handler was given is not lost.
  EXPECT_NE(err.find("aio: exception in detached task: detached failure"),
            std::string::npos)
      << err;
}

namespace {

// Sleeps for an hour; on cancellation notes it, spends `cleanup` of loop
// time on asynchronous cleanup, notes that too and ends cancelled.
aio::task<> worker_with_cleanup(std::vector<std::string> &log,
                                std::chrono::seconds cleanup) {
  struct note_on_exit {
    std::vector<std::string> &log;
    ~note_on_exit() { log.push_back("destructor"); }
  } exit_note{log};
  std::exception_ptr stop;
  try {
    co_await aio::sleep(1h);
  } catch (const aio::cancelled_error &) {
    log.push_back("cancelled");
    stop = std::current_exception();
  }
  co_await aio::sleep(cleanup);
  log.push_back("cleaned up");
  std::rethrow_exception(stop);
}

} // namespace

// Pending tasks used to be destroyed with the loop without running any more
// of their code; they are cancelled and run to their end when the main task
// has finished.
TEST(EventLoop, PendingTasksAreCancelledAndRunTheirCleanup) {
  std::vector<std::string> log;
  aio_test::recorder rec;
  {
    aio::event_loop loop(aio_test::manual_options(&rec));
    auto body = [&]() -> aio::task<> {
      aio::spawn_detached(worker_with_cleanup(log, 2s));
      co_await aio::sleep(1s);
    };
    loop.run_until_complete(body());
    EXPECT_EQ(loop.pending_tasks(), 0U);
    EXPECT_EQ(aio_test::elapsed(loop), 3s); // 1 s of body, 2 s of cleanup
  }
  EXPECT_EQ(log, (std::vector<std::string>{"cancelled", "cleaned up",
                                           "destructor"}));
  EXPECT_TRUE(rec.exceptions.empty());
}

TEST(EventLoop, RunCancelsPendingTasksAndRunsTheirCleanup) {
  std::vector<std::string> log;
  auto body = [&]() -> aio::task<int> {
    aio::spawn_detached(worker_with_cleanup(log, 0s));
    co_await aio::yield();
    co_return 4;
  };
  EXPECT_EQ(aio::run(body()), 4);
  EXPECT_EQ(log, (std::vector<std::string>{"cancelled", "cleaned up",
                                           "destructor"}));
}

// The children of a group whose owner is still waiting in join() are
// cancelled through the owner and finish before it does.
TEST(EventLoop, GroupChildrenFinishTheirCleanupAtShutdown) {
  std::vector<std::string> log;
  bool owner_saw_cancellation = false;
  {
    aio::event_loop loop(aio_test::manual_options());
    auto owner = [&]() -> aio::task<> {
      aio::task_group group;
      group.spawn(worker_with_cleanup(log, 1s));
      try {
        co_await group.join();
      } catch (const aio::cancelled_error &) {
        owner_saw_cancellation = true;
        throw;
      }
    };
    auto body = [&]() -> aio::task<> {
      aio::spawn_detached(owner());
      co_await aio::sleep(1s); // the child is asleep in its hour
    };
    loop.run_until_complete(body());
  }
  EXPECT_TRUE(owner_saw_cancellation);
  EXPECT_EQ(log, (std::vector<std::string>{"cancelled", "cleaned up",
                                           "destructor"}));
}

// A handle kept past the loop used to leak the task's frame; the task is now
// cancelled at shutdown and the handle sees how it ended.
TEST(EventLoop, HandleKeptPastTheLoopSeesTheTaskCancelled) {
  aio_test::recorder rec;
  aio::task_handle<int> kept;
  {
    aio::event_loop loop(aio_test::manual_options(&rec));
    auto sleeper = []() -> aio::task<int> {
      co_await aio::sleep(1h);
      co_return 1;
    };
    auto body = [&]() -> aio::task<> {
      kept = aio::create_task(sleeper());
      co_await aio::yield();
    };
    loop.run_until_complete(body());
  }
  ASSERT_TRUE(kept.done());
  EXPECT_TRUE(kept.cancelled());
  EXPECT_TRUE(rec.exceptions.empty());
}

namespace {

// Catches every cancellation and sleeps on, `step` at a time.
aio::task<> ignores_cancellation(std::chrono::seconds step, int &caught) {
  for (;;) {
    try {
      co_await aio::sleep(step);
    } catch (const aio::cancelled_error &) {
      ++caught;
    }
  }
}

} // namespace

TEST(EventLoop, TaskIgnoringShutdownIsDestroyedAfterTheGracePeriod) {
  aio_test::recorder rec;
  aio::loop_options options = aio_test::manual_options(&rec, true);
  options.shutdown_grace = 3s;
  aio::event_loop loop(options);
  int caught = 0;
  unsigned line = 0;
  auto body = [&]() -> aio::task<> {
    line = __LINE__ + 1;
    aio::spawn_detached(ignores_cancellation(1s, caught));
    co_await aio::yield();
  };
  loop.run_until_complete(body());
  EXPECT_EQ(caught, 1);
  EXPECT_EQ(loop.pending_tasks(), 0U);
  EXPECT_EQ(aio_test::elapsed(loop), 3s); // the grace, then no further
  ASSERT_EQ(rec.count(aio::report_kind::ignored_shutdown_cancellation), 1U);
  const auto *r = rec.first(aio::report_kind::ignored_shutdown_cancellation);
  EXPECT_EQ(r->where.line, line);
  EXPECT_NE(r->task_name.find("ignores_cancellation"), std::string::npos);
  EXPECT_EQ(aio::to_string(aio::report_kind::ignored_shutdown_cancellation),
            "ignored-shutdown-cancellation");
}

// Nothing can happen before the bound: the shutdown gives up at once
// instead of waiting out the grace period.
TEST(EventLoop, ShutdownGivesUpAtOnceWhenNothingCanFinishInTime) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  int caught = 0;
  auto body = [&]() -> aio::task<> {
    aio::spawn_detached(ignores_cancellation(1h, caught));
    co_await aio::yield();
  };
  loop.run_until_complete(body());
  EXPECT_EQ(caught, 1);
  // Debug mode's own watches of the cancelled task (its grace periods, 1 s)
  // are the only events before the bound; the 5 s grace is not waited out.
  EXPECT_LE(aio_test::elapsed(loop), 1s);
  EXPECT_EQ(rec.count(aio::report_kind::ignored_shutdown_cancellation), 1U);
}

// On a manual clock time stands still while a task keeps yielding; the
// shutdown still ends.
TEST(EventLoop, BusyTaskIgnoringShutdownDoesNotHangIt) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  int caught = 0;
  auto spinner = [&]() -> aio::task<> {
    for (;;) {
      try {
        co_await aio::yield();
      } catch (const aio::cancelled_error &) {
        ++caught;
      }
    }
  };
  auto body = [&]() -> aio::task<> {
    aio::spawn_detached(spinner());
    co_await aio::yield();
  };
  loop.run_until_complete(body());
  EXPECT_EQ(caught, 1);
  EXPECT_EQ(rec.count(aio::report_kind::ignored_shutdown_cancellation), 1U);
}

TEST(EventLoop, RunWithATaskIgnoringShutdownReturnsPromptly) {
  int caught = 0;
  auto body = [&]() -> aio::task<int> {
    aio::spawn_detached(ignores_cancellation(1h, caught));
    co_await aio::yield();
    co_return 2;
  };
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(aio::run(body()), 2);
  // Not the 5 s grace: no timer falls inside it, so nothing is waited for.
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_EQ(caught, 1);
}

// Cleanup code may start work of its own (wait_for runs its awaitable as a
// task): it runs, and whatever such work is left once every cancelled task
// has finished is cancelled in turn.
TEST(EventLoop, WorkStartedByCleanupRunsThenIsCancelled) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  std::vector<std::string> log;
  auto goodbye = [&]() -> aio::task<> {
    co_await aio::sleep(1s);
    log.push_back("goodbye sent");
  };
  auto heartbeat = [&]() -> aio::task<> {
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
      log.push_back("heartbeat cancelled");
      throw;
    }
  };
  auto worker = [&]() -> aio::task<> {
    bool cancelled = false;
    try {
      co_await aio::sleep(1h);
    } catch (const aio::cancelled_error &) {
      cancelled = true;
    }
    if (cancelled) {
      co_await aio::wait_for(goodbye(), 5s);
      aio::spawn_detached(heartbeat());
      co_await aio::sleep(1s);
      log.push_back("worker done");
      throw aio::cancelled_error{};
    }
  };
  auto body = [&]() -> aio::task<> {
    aio::spawn_detached(worker());
    co_await aio::yield();
  };
  loop.run_until_complete(body());
  EXPECT_EQ(log, (std::vector<std::string>{"goodbye sent", "worker done",
                                           "heartbeat cancelled"}));
  EXPECT_EQ(rec.count(aio::report_kind::ignored_shutdown_cancellation), 0U);
  EXPECT_EQ(loop.pending_tasks(), 0U);
}

// A deadlocked main task is cancelled too, so its cleanup runs before the
// deadlock is reported to the caller.
TEST(EventLoop, DeadlockedMainTaskIsCancelledBeforeTheErrorIsThrown) {
  aio::event_loop loop(aio_test::manual_options());
  std::vector<std::string> log;
  auto body = [&]() -> aio::task<> {
    aio::event never_set;
    try {
      co_await never_set.wait();
    } catch (const aio::cancelled_error &) {
      log.push_back("main cancelled");
      throw;
    }
  };
  EXPECT_THROW(loop.run_until_complete(body()), aio::deadlock_error);
  EXPECT_EQ(log, std::vector<std::string>{"main cancelled"});
  EXPECT_EQ(loop.pending_tasks(), 0U);
}

TEST(EventLoop, ShutdownInsideTheRunningLoopThrows) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    EXPECT_THROW(loop.shutdown(), std::logic_error);
    co_return;
  };
  loop.run_until_complete(body());
  loop.shutdown(); // nothing pending: returns at once
  EXPECT_EQ(aio_test::elapsed(loop), 0s);
}
