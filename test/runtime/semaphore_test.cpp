#include "aio/semaphore.hpp"

#include "aio/wait_for.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

using namespace std::chrono_literals;

TEST(Semaphore, LimitsConcurrency) {
  aio::event_loop loop(aio_test::manual_options());
  aio::semaphore sem(2);
  int inside = 0;
  int peak = 0;
  auto worker = [&]() -> aio::task<> {
    co_await sem.acquire();
    ++inside;
    peak = std::max(peak, inside);
    co_await aio::sleep(1s);
    --inside;
    sem.release();
  };
  auto body = [&]() -> aio::task<> {
    aio::task_group group;
    for (int i = 0; i < 6; ++i) {
      group.spawn(worker());
    }
    co_await group.join();
  };
  loop.run_until_complete(body());
  EXPECT_EQ(peak, 2);
  EXPECT_EQ(aio_test::elapsed(loop), 3s);
  EXPECT_EQ(sem.available(), 2U);
}

TEST(Semaphore, FifoHandOff) {
  aio::event_loop loop(aio_test::manual_options());
  aio::semaphore sem(0);
  std::vector<int> order;
  auto worker = [&](int id) -> aio::task<> {
    co_await sem.acquire();
    order.push_back(id);
  };
  auto body = [&]() -> aio::task<> {
    aio::task_group group;
    group.spawn(worker(1));
    group.spawn(worker(2));
    co_await aio::yield();
    EXPECT_EQ(sem.waiting(), 2U);
    EXPECT_FALSE(sem.try_acquire());
    sem.release();
    sem.release();
    co_await group.join();
  };
  loop.run_until_complete(body());
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
  EXPECT_EQ(sem.available(), 0U);
}

TEST(Semaphore, CancelledWaiterDoesNotTakePermit) {
  aio::event_loop loop(aio_test::manual_options());
  aio::semaphore sem(0);
  auto body = [&]() -> aio::task<> {
    auto fn = [&]() -> aio::task<> { co_await sem.acquire(); };
    auto h = aio::create_task(fn());
    co_await aio::yield();
    h.cancel();
    EXPECT_THROW(co_await h, aio::cancelled_error);
    EXPECT_EQ(sem.waiting(), 0U);
    sem.release();
    EXPECT_EQ(sem.available(), 1U);
  };
  loop.run_until_complete(body());
}

TEST(Semaphore, AcquireTimesOut) {
  aio::event_loop loop(aio_test::manual_options());
  aio::semaphore sem(0);
  auto body = [&]() -> aio::task<> {
    EXPECT_THROW(co_await aio::wait_for(sem.acquire(), 2s), aio::timeout_error);
    EXPECT_EQ(sem.waiting(), 0U);
  };
  loop.run_until_complete(body());
}

namespace {

aio::task<> acquire_once(aio::semaphore &sem) { co_await sem.acquire(); }

} // namespace

// A waiter granted a permit whose frame is destroyed before it resumes gives
// the permit back.
TEST(Semaphore, GrantedWaiterDestroyedBeforeResumingReturnsPermit) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec));
  aio::semaphore sem(1);
  auto body = [&]() -> aio::task<> {
    co_await sem.acquire();
    {
      aio::task_group group;
      group.spawn(acquire_once(sem));
      co_await aio::yield();
      sem.release(); // handed to the child, which has not resumed
    }
    EXPECT_EQ(sem.available(), 1U);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(rec.exceptions.size(), 1U); // the unjoined group
}
