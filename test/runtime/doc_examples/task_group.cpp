#include <gtest/gtest.h>

#include <stdexcept>

// [example]
#include "aio/aio.hpp"

#include <chrono>
#include <stdexcept>
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
  try {
    co_await aio::with_task_group([&](aio::task_group &group) -> aio::task<> {
      for (int id = 1; id <= 5; ++id) {
        group.spawn(worker(done, id));
      }
      co_return; // the call still waits for every child
    });
  } catch (const std::runtime_error &) {
    // Worker 3 failed at t=3s: workers 4 and 5 were cancelled and had
    // ended before its error left with_task_group.
  }
  co_return done.size();
}

// The body's value is the call's value.
aio::task<int> first_two(std::vector<int> &done) {
  co_return co_await aio::with_task_group(
      [&](aio::task_group &group) -> aio::task<int> {
        group.spawn(worker(done, 1));
        group.spawn(worker(done, 2));
        co_return 2;
      });
}

// The plain form: join() must be reached on every path, or the group's
// destructor destroys the children still running.
aio::task<> plain_group(std::vector<int> &done) {
  aio::task_group group;
  group.spawn(worker(done, 1));
  group.spawn(worker(done, 2));
  co_await group.join(); // raises like with_task_group
}
// [/example]

TEST(DocExamples, TaskGroup) {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  aio::event_loop loop(options);
  std::vector<int> done;
  EXPECT_EQ(loop.run_until_complete(group_demo(done)), 2U);
  EXPECT_EQ(done, (std::vector<int>{1, 2}));
  EXPECT_EQ(loop.now().time_since_epoch(), 3s);
  done.clear();
  EXPECT_EQ(loop.run_until_complete(first_two(done)), 2);
  EXPECT_EQ(done, (std::vector<int>{1, 2}));
  done.clear();
  loop.run_until_complete(plain_group(done));
  EXPECT_EQ(done, (std::vector<int>{1, 2}));
}
