#include <gtest/gtest.h>

// [example]
#include "aio/aio.hpp"

#include <chrono>

using namespace std::chrono_literals;

aio::task<int> pipeline() {
  aio::queue<int> queue(8); // producers wait while 8 items are queued
  aio::semaphore slots(2);  // at most 2 consumers work at once
  aio::mutex total_lock;
  aio::event finished;
  int total = 0;

  auto producer = [&]() -> aio::task<> {
    for (int i = 1; i <= 100; ++i) {
      co_await queue.push(i);
    }
    finished.set();
  };
  auto consumer = [&]() -> aio::task<> {
    for (int i = 0; i < 25; ++i) {
      int item = co_await queue.pop();
      co_await slots.acquire();
      co_await aio::sleep(1ms);
      slots.release();
      auto guard = co_await total_lock.scoped_lock();
      total += item;
    }
  };

  aio::task_group group;
  group.spawn(producer());
  for (int c = 0; c < 4; ++c) {
    group.spawn(consumer());
  }
  co_await group.join();
  co_await finished.wait();
  co_return total;
}
// [/example]

TEST(DocExamples, Sync) {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  aio::event_loop loop(options);
  EXPECT_EQ(loop.run_until_complete(pipeline()), 5050);
}
