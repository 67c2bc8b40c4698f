#include <gtest/gtest.h>

#include <stdexcept>

// [example]
#include "aio/aio.hpp"

#include <chrono>
#include <vector>

using namespace std::chrono_literals;

aio::task<> worker(std::vector<int> &done, int id) {
  co_await aio::sleep(1s * id);
  if (id == 3) {
    throw std::runtime_error("worker 3 failed");
  }
  done.push_back(id);
}

aio::task<std::size_t> group_demo(std::vector<int> &done) {
  aio::task_group group;
  for (int id = 1; id <= 5; ++id) {
    group.spawn(worker(done, id));
  }
  try {
    // Waits for every child. Worker 3 fails at t=3s: workers 4 and 5 are
    // cancelled, and join() rethrows the first error once all have ended.
    co_await group.join();
  } catch (const std::runtime_error &) {
  }
  co_return group.errors().size(); // every failure is kept
}
// [/example]

TEST(DocExamples, TaskGroup) {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  aio::event_loop loop(options);
  std::vector<int> done;
  EXPECT_EQ(loop.run_until_complete(group_demo(done)), 1U);
  EXPECT_EQ(done, (std::vector<int>{1, 2}));
  EXPECT_EQ(loop.now().time_since_epoch(), 3s);
}
