#include "aio/event.hpp"

#include "aio/wait_for.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace std::chrono_literals;

TEST(Event, SetReleasesAllWaiters) {
  aio::event_loop loop(aio_test::manual_options());
  aio::event ev;
  int woken = 0;
  auto waiter = [&]() -> aio::task<> {
    co_await ev.wait();
    ++woken;
  };
  auto body = [&]() -> aio::task<> {
    auto a = aio::create_task(waiter());
    auto b = aio::create_task(waiter());
    co_await aio::sleep(1s);
    EXPECT_EQ(woken, 0);
    ev.set();
    co_await a;
    co_await b;
    co_await ev.wait(); // already set: passes through
  };
  loop.run_until_complete(body());
  EXPECT_EQ(woken, 2);
  EXPECT_TRUE(ev.is_set());
  ev.clear();
  EXPECT_FALSE(ev.is_set());
}

TEST(Event, WaitIsCancellable) {
  aio::event_loop loop(aio_test::manual_options());
  aio::event ev;
  auto body = [&]() -> aio::task<> {
    auto fn = [&]() -> aio::task<> { co_await ev.wait(); };
    auto h = aio::create_task(fn());
    co_await aio::yield();
    h.cancel();
    EXPECT_THROW(co_await h, aio::cancelled_error);
    ev.set(); // no stale waiter left behind
  };
  loop.run_until_complete(body());
}

TEST(Event, WaitTimesOut) {
  aio::event_loop loop(aio_test::manual_options());
  aio::event ev;
  auto body = [&]() -> aio::task<> {
    EXPECT_THROW(co_await aio::wait_for(ev.wait(), 3s), aio::timeout_error);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 3s);
}

TEST(Event, PendingCancelThrowsWithoutWaiting) {
  aio::event_loop loop(aio_test::manual_options());
  aio::event ev;
  auto body = [&]() -> aio::task<> {
    aio::task_handle<void> *self = nullptr;
    auto child = [&]() -> aio::task<> {
      self->cancel();
      co_await ev.wait();
    };
    auto h = aio::create_task(child());
    self = &h;
    EXPECT_THROW(co_await h, aio::cancelled_error);
  };
  loop.run_until_complete(body());
}
