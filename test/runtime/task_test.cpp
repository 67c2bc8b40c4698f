#include "aio/task.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

aio::task<int> forty_two() { co_return 42; }

aio::task<int> add(int a, int b) {
  int x = co_await forty_two();
  co_return x - 42 + a + b;
}

aio::task<> fail() {
  throw std::runtime_error("boom");
  co_return;
}

aio::task<int> depth(int n) {
  if (n == 0) {
    co_return 0;
  }
  co_return 1 + co_await depth(n - 1);
}

aio::task<std::unique_ptr<int>> move_only() {
  co_return std::make_unique<int>(7);
}

} // namespace

TEST(Task, ReturnsValue) { EXPECT_EQ(aio::run(forty_two()), 42); }

TEST(Task, AwaitsNestedTask) { EXPECT_EQ(aio::run(add(1, 2)), 3); }

TEST(Task, VoidTaskCompletes) {
  bool ran = false;
  auto body = [&]() -> aio::task<> {
    ran = true;
    co_return;
  };
  aio::run(body());
  EXPECT_TRUE(ran);
}

TEST(Task, IsLazy) {
  bool ran = false;
  auto body = [&]() -> aio::task<> {
    ran = true;
    co_return;
  };
  {
    auto t = body();
    EXPECT_FALSE(ran);
  }
  EXPECT_FALSE(ran);
}

TEST(Task, ExceptionReachesAwaiter) {
  auto outer = []() -> aio::task<std::string> {
    try {
      co_await fail();
    } catch (const std::runtime_error &e) {
      co_return e.what();
    }
    co_return "not thrown";
  };
  EXPECT_EQ(aio::run(outer()), "boom");
}

TEST(Task, ExceptionReachesRun) {
  EXPECT_THROW(aio::run(fail()), std::runtime_error);
}

TEST(Task, MoveOnlyResult) {
  auto p = aio::run(move_only());
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(*p, 7);
}

TEST(Task, MillionNestedAwaitsUseConstantStack) {
  EXPECT_EQ(aio::run(depth(1'000'000)), 1'000'000);
}

TEST(Task, LvalueAwaitAndDoubleAwaitIsAnError) {
  auto body = []() -> aio::task<int> {
    auto t = forty_two();
    int v = co_await t;
    try {
      co_await t;
    } catch (const std::logic_error &) {
      co_return v;
    }
    co_return -1;
  };
  EXPECT_EQ(aio::run(body()), 42);
}

TEST(Task, AwaitingEmptyTaskThrows) {
  auto body = []() -> aio::task<> {
    aio::task<int> empty;
    EXPECT_FALSE(empty.valid());
    co_await empty;
  };
  EXPECT_THROW(aio::run(body()), std::logic_error);
}

TEST(Task, MoveAssignmentDestroysOldFrame) {
  auto a = forty_two();
  auto b = forty_two();
  a = std::move(b);
  EXPECT_TRUE(a.valid());
  EXPECT_FALSE(b.valid()); // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(aio::run(std::move(a)), 42);
}

TEST(Task, FramesMayBeFreedOnAnotherThread) {
  // A worker thread that only frees frames still returns them at its exit.
  std::vector<aio::task<int>> tasks;
  for (int i = 0; i < 3; ++i) {
    tasks.push_back(forty_two());
  }
  std::thread([moved = std::move(tasks)]() mutable { moved.clear(); }).join();
  EXPECT_EQ(aio::run(forty_two()), 42);
}
