// A task_group whose frame outlives its event loop must not touch the loop
// when it is destroyed.

#include "aio/task_group.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>

namespace {

aio::task<> fail_now() {
  throw std::runtime_error("child failed");
  co_return;
}

// The group is a parameter, so it lives as long as the frame: until the last
// task_handle goes, even after the task has finished.
aio::task<> leave_failed_group_unjoined(std::unique_ptr<aio::task_group> group) {
  group->spawn(fail_now());
  co_await aio::yield(); // the child fails
  EXPECT_EQ(group->errors().size(), 1U);
}

} // namespace

TEST(TaskGroupLifetime, FrameKeptPastItsLoopDestroysGroupSafely) {
  aio_test::recorder rec;
  aio::task_handle<void> kept;
  auto loop = std::make_unique<aio::event_loop>(aio_test::manual_options(&rec));
  auto body = []() -> aio::task<aio::task_handle<void>> {
    auto handle = aio::create_task(
        leave_failed_group_unjoined(std::make_unique<aio::task_group>()));
    co_await handle;
    co_return handle;
  };
  kept = loop->run_until_complete(body());
  EXPECT_TRUE(kept.done());
  loop.reset();
  kept = {}; // destroys the frame, and the group in it, after the loop
  // Nothing can be reported to a loop that is gone.
  EXPECT_TRUE(rec.exceptions.empty());
}

TEST(TaskGroupLifetime, FrameDroppedUnderItsLoopStillReportsFailedGroup) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec));
  auto body = []() -> aio::task<> {
    auto handle = aio::create_task(
        leave_failed_group_unjoined(std::make_unique<aio::task_group>()));
    co_await handle;
    handle = {}; // destroys the frame, and the group in it
  };
  loop.run_until_complete(body());
  ASSERT_EQ(rec.exceptions.size(), 1U);
  EXPECT_EQ(rec.exceptions[0].message,
            "task_group failed and was never joined");
}
