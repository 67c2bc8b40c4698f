#include "aio/to_thread.hpp"

#include "aio/gather.hpp"
#include "aio/wait_for.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <stdexcept>
#include <thread>

using namespace std::chrono_literals;

TEST(ToThread, RunsOnAWorkerAndResumesOnTheLoop) {
  aio::event_loop loop(aio_test::manual_options());
  const auto loop_thread = std::this_thread::get_id();
  auto body = [&]() -> aio::task<bool> {
    auto worker =
        co_await aio::to_thread([] { return std::this_thread::get_id(); });
    EXPECT_EQ(std::this_thread::get_id(), loop_thread);
    co_return worker != loop_thread;
  };
  EXPECT_TRUE(loop.run_until_complete(body()));
}

TEST(ToThread, VoidAndExceptions) {
  aio::event_loop loop(aio_test::manual_options());
  std::atomic<int> calls{0};
  auto body = [&]() -> aio::task<> {
    co_await aio::to_thread([&] { ++calls; });
    EXPECT_THROW(co_await aio::to_thread(
                     []() -> int { throw std::runtime_error("worker"); }),
                 std::runtime_error);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(calls.load(), 1);
}

TEST(ToThread, ManyConcurrentCalls) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<int> {
    auto square = [](int i) -> aio::task<int> {
      co_return co_await aio::to_thread([i] { return i * i; });
    };
    std::vector<aio::task<int>> tasks;
    for (int i = 0; i < 64; ++i) {
      tasks.push_back(square(i));
    }
    int sum = 0;
    for (int v : co_await aio::gather(std::move(tasks))) {
      sum += v;
    }
    co_return sum;
  };
  EXPECT_EQ(loop.run_until_complete(body()), 85344);
}

TEST(ToThread, CancelledCallerLeavesAtOnce) {
  aio::event_loop loop(aio_test::manual_options());
  // The worker blocks until the test releases it, after the cancellation.
  auto gate = std::make_shared<std::promise<void>>();
  std::shared_future<void> opened = gate->get_future().share();
  auto body = [&]() -> aio::task<> {
    auto blocked = [opened]() -> aio::task<int> {
      co_return co_await aio::to_thread([opened] {
        opened.wait();
        return 1;
      });
    };
    auto h = aio::create_task(blocked());
    co_await aio::yield();
    h.cancel();
    EXPECT_THROW(co_await h, aio::cancelled_error);
    gate->set_value();
  };
  loop.run_until_complete(body());
}

TEST(ToThread, TimesOut) {
  aio::event_loop loop(aio_test::manual_options());
  auto gate = std::make_shared<std::promise<void>>();
  std::shared_future<void> opened = gate->get_future().share();
  auto body = [&]() -> aio::task<> {
    auto blocked = aio::to_thread([opened] { opened.wait(); });
    // Pool work is real work: the manual clock does not jump while it runs,
    // so the timeout fires only once time is advanced by hand.
    auto h = aio::create_task(aio::wait_for(std::move(blocked), 1s));
    co_await aio::yield();
    co_await aio::yield();
    loop.clock().jump_to(loop.now() + 2s);
    EXPECT_THROW(co_await h, aio::timeout_error);
    gate->set_value();
  };
  loop.run_until_complete(body());
}
