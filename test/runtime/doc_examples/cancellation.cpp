#include <gtest/gtest.h>

// [example]
#include "aio/aio.hpp"

#include <chrono>

using namespace std::chrono_literals;

aio::task<int> slow_query() {
  co_await aio::sleep(1h);
  co_return 42;
}

aio::task<int> save(int value) {
  co_await aio::sleep(2s); // must not be interrupted halfway
  co_return value;
}

aio::task<int> cancellation_demo() {
  // cancel(): the task's current suspension point throws cancelled_error.
  auto query = aio::create_task(slow_query());
  co_await aio::sleep(1s);
  query.cancel();
  try {
    co_await query;
  } catch (const aio::cancelled_error &) {
    // query.cancelled() is true now
  }

  // wait_for(): cancels the inner work on expiry, then throws timeout_error.
  try {
    co_await aio::wait_for(slow_query(), 5s);
  } catch (const aio::timeout_error &) {
  }

  // shield(): the inner work runs to its end even if this task is cancelled.
  co_return co_await aio::shield(save(7));
}
// [/example]

TEST(DocExamples, Cancellation) {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  aio::event_loop loop(options);
  EXPECT_EQ(loop.run_until_complete(cancellation_demo()), 7);
  EXPECT_EQ(loop.now().time_since_epoch(), 8s);
}
