#include "aio/mutex.hpp"

#include "aio/wait_for.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

using namespace std::chrono_literals;

namespace {

aio::task<> lock_and_release(aio::mutex &m, bool &locked) {
  auto guard = co_await m.scoped_lock();
  locked = true;
}

} // namespace

TEST(Mutex, SerializesCriticalSections) {
  aio::event_loop loop(aio_test::manual_options());
  aio::mutex m;
  std::vector<int> trace;
  auto worker = [&](int id) -> aio::task<> {
    auto guard = co_await m.scoped_lock();
    trace.push_back(id);
    co_await aio::sleep(1s);
    trace.push_back(id);
  };
  auto body = [&]() -> aio::task<> {
    aio::task_group group;
    group.spawn(worker(1));
    group.spawn(worker(2));
    group.spawn(worker(3));
    co_await group.join();
  };
  loop.run_until_complete(body());
  EXPECT_EQ(trace, (std::vector<int>{1, 1, 2, 2, 3, 3}));
  EXPECT_FALSE(m.locked());
}

TEST(Mutex, GuardUnlocksOnException) {
  aio::event_loop loop(aio_test::manual_options());
  aio::mutex m;
  auto body = [&]() -> aio::task<> {
    try {
      auto guard = co_await m.scoped_lock();
      EXPECT_TRUE(guard.owns_lock());
      throw std::runtime_error("inside");
    } catch (const std::runtime_error &) {
    }
    EXPECT_FALSE(m.locked());
    co_await m.lock();
    EXPECT_FALSE(m.try_lock());
    m.unlock();
    aio::mutex::guard g1 = co_await m.scoped_lock();
    aio::mutex::guard g2;
    g2 = std::move(g1);
    EXPECT_TRUE(m.locked());
    g2.unlock();
    EXPECT_FALSE(m.locked());
  };
  loop.run_until_complete(body());
}

TEST(Mutex, LockIsCancellableAndTimesOut) {
  aio::event_loop loop(aio_test::manual_options());
  aio::mutex m;
  auto body = [&]() -> aio::task<> {
    auto held = co_await m.scoped_lock();
    EXPECT_THROW((void)co_await aio::wait_for(m.scoped_lock(), 1s),
                 aio::timeout_error);
    auto fn = [&]() -> aio::task<> {
      co_await m.lock();
      m.unlock();
    };
    auto h = aio::create_task(fn());
    co_await aio::yield();
    h.cancel();
    EXPECT_THROW(co_await h, aio::cancelled_error);
    held.unlock();
    EXPECT_FALSE(m.locked());
  };
  loop.run_until_complete(body());
}

// A waiter granted the lock whose frame is destroyed before it resumes (its
// group was destroyed unjoined) passes the lock on to the next waiter.
TEST(Mutex, GrantedWaiterDestroyedBeforeResumingHandsLockOn) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec));
  aio::mutex m;
  bool child_locked = false;
  bool next_locked = false;
  auto body = [&]() -> aio::task<> {
    auto guard = co_await m.scoped_lock();
    std::optional<aio::task_handle<void>> next;
    {
      aio::task_group group;
      group.spawn(lock_and_release(m, child_locked));
      co_await aio::yield(); // the child waits first
      next.emplace(aio::create_task(lock_and_release(m, next_locked)));
      co_await aio::yield();
      guard.unlock(); // granted to the child, which has not resumed
    }
    co_await *next;
    EXPECT_FALSE(m.locked());
  };
  loop.run_until_complete(body());
  EXPECT_FALSE(child_locked);
  EXPECT_TRUE(next_locked);
  EXPECT_EQ(rec.exceptions.size(), 1U); // the unjoined group
}

TEST(Mutex, GrantedWaiterDestroyedWithNoOneWaitingUnlocks) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec));
  aio::mutex m;
  bool child_locked = false;
  auto body = [&]() -> aio::task<> {
    auto guard = co_await m.scoped_lock();
    {
      aio::task_group group;
      group.spawn(lock_and_release(m, child_locked));
      co_await aio::yield();
      guard.unlock();
    }
    EXPECT_FALSE(m.locked());
    EXPECT_TRUE(m.try_lock());
    m.unlock();
  };
  loop.run_until_complete(body());
  EXPECT_FALSE(child_locked);
}

// The mutex dies first; the granted waiter's frame, destroyed after it, must
// not touch it.
TEST(Mutex, GrantedWaiterOutlivingTheMutexLeavesItAlone) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec));
  bool child_locked = false;
  auto body = [&]() -> aio::task<> {
    aio::task_group group;
    aio::mutex m;
    auto guard = co_await m.scoped_lock();
    group.spawn(lock_and_release(m, child_locked));
    co_await aio::yield();
    guard.unlock();
  };
  loop.run_until_complete(body());
  EXPECT_FALSE(child_locked);
  EXPECT_EQ(rec.exceptions.size(), 1U);
}
