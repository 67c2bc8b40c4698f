#include "aio/event_loop.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

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

TEST(EventLoop, PendingTasksAreDestroyedWithTheLoop) {
  auto flag = std::make_shared<int>(0);
  {
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
    EXPECT_EQ(loop.pending_tasks(), 1U);
    EXPECT_EQ(flag.use_count(), 2);
  }
  EXPECT_EQ(*flag, 0);
  EXPECT_EQ(flag.use_count(), 1);
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
