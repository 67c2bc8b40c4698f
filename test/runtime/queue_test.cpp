#include "aio/queue.hpp"

#include "aio/wait_for.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <vector>

using namespace std::chrono_literals;

TEST(Queue, ProducerConsumerWithBackpressure) {
  aio::event_loop loop(aio_test::manual_options());
  aio::queue<int> q(2);
  std::vector<int> got;
  std::size_t max_size = 0;
  auto producer = [&]() -> aio::task<> {
    for (int i = 0; i < 10; ++i) {
      co_await q.push(i);
      max_size = std::max(max_size, q.size());
    }
  };
  auto consumer = [&]() -> aio::task<> {
    for (int i = 0; i < 10; ++i) {
      got.push_back(co_await q.pop());
      co_await aio::sleep(1s); // slow consumer
    }
  };
  auto body = [&]() -> aio::task<> {
    aio::task_group group;
    group.spawn(producer());
    group.spawn(consumer());
    co_await group.join();
  };
  loop.run_until_complete(body());
  EXPECT_EQ(got, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_LE(max_size, 2U);
  EXPECT_EQ(aio_test::elapsed(loop), 10s);
}

TEST(Queue, TryPushTryPop) {
  aio::queue<std::unique_ptr<int>> q(1);
  EXPECT_TRUE(q.try_push(std::make_unique<int>(1)));
  EXPECT_TRUE(q.full());
  EXPECT_FALSE(q.try_push(std::make_unique<int>(2)));
  auto item = q.try_pop();
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(**item, 1);
  EXPECT_FALSE(q.try_pop().has_value());
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.capacity(), 1U);
  EXPECT_THROW(aio::queue<int>(0), std::invalid_argument);
}

TEST(Queue, PopTimesOutAndCancelledPushLeavesNothing) {
  aio::event_loop loop(aio_test::manual_options());
  aio::queue<int> q(1);
  auto body = [&]() -> aio::task<> {
    EXPECT_THROW(co_await aio::wait_for(q.pop(), 1s), aio::timeout_error);
    co_await q.push(1);
    EXPECT_THROW(co_await aio::wait_for(q.push(2), 1s), aio::timeout_error);
    EXPECT_EQ(q.size(), 1U);
    EXPECT_EQ(co_await q.pop(), 1);
    EXPECT_TRUE(q.empty());
  };
  loop.run_until_complete(body());
}

TEST(Queue, WaitingConsumerGetsItemDirectly) {
  aio::event_loop loop(aio_test::manual_options());
  aio::queue<int> q(1);
  auto body = [&]() -> aio::task<int> {
    auto fn = [&]() -> aio::task<int> { co_return co_await q.pop(); };
    auto h = aio::create_task(fn());
    co_await aio::yield();
    co_await q.push(5);
    EXPECT_TRUE(q.empty());
    co_return co_await h;
  };
  EXPECT_EQ(loop.run_until_complete(body()), 5);
}

TEST(Queue, BlockedProducerMovesInWhenRoomFrees) {
  aio::event_loop loop(aio_test::manual_options());
  aio::queue<int> q(1);
  auto body = [&]() -> aio::task<> {
    co_await q.push(1);
    auto fn = [&]() -> aio::task<> { co_await q.push(2); };
    auto h = aio::create_task(fn());
    co_await aio::yield();
    EXPECT_FALSE(h.done());
    EXPECT_EQ(q.try_pop(), 1);
    co_await h;
    EXPECT_EQ(co_await q.pop(), 2);
  };
  loop.run_until_complete(body());
}

namespace {

aio::task<int> pop_one(aio::queue<int> &q) { co_return co_await q.pop(); }

} // namespace

// An item handed to a waiting consumer whose frame is destroyed before it
// resumes goes back to the head of the queue.
TEST(Queue, ItemGrantedToDestroyedConsumerIsNotLost) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec));
  aio::queue<int> q(2);
  auto body = [&]() -> aio::task<> {
    {
      aio::task_group group;
      group.spawn(pop_one(q));
      co_await aio::yield();
      EXPECT_TRUE(q.try_push(1)); // straight to the waiting child
      EXPECT_TRUE(q.try_push(2));
    }
    EXPECT_EQ(q.try_pop(), 1);
    EXPECT_EQ(q.try_pop(), 2);
    EXPECT_TRUE(q.empty());
  };
  loop.run_until_complete(body());
  EXPECT_EQ(rec.exceptions.size(), 1U); // the unjoined group
}

// With another consumer waiting, the item passes to it instead.
TEST(Queue, ItemGrantedToDestroyedConsumerGoesToNextConsumer) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec));
  aio::queue<int> q(1);
  auto body = [&]() -> aio::task<> {
    std::optional<aio::task_handle<int>> next;
    {
      aio::task_group group;
      group.spawn(pop_one(q));
      co_await aio::yield(); // the child waits first
      next.emplace(aio::create_task(pop_one(q)));
      co_await aio::yield();
      EXPECT_TRUE(q.try_push(7));
    }
    EXPECT_EQ(co_await *next, 7);
  };
  loop.run_until_complete(body());
}
