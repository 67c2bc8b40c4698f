#include <gtest/gtest.h>

// [example]
#include "aio/aio.hpp"

#include <chrono>
#include <string>

using namespace std::chrono_literals;

aio::task<std::string> fetch(int id) {
  co_await aio::sleep(10ms * id); // stands in for real I/O
  co_return "item " + std::to_string(id);
}

aio::task<std::string> quickstart() {
  // Nested awaits run inline, by symmetric transfer.
  std::string first = co_await fetch(1);

  // create_task starts work concurrently and hands back a handle.
  aio::task_handle<std::string> second = aio::create_task(fetch(2));

  // gather waits for several awaitables at once.
  auto [third, fourth] = co_await aio::gather(fetch(3), fetch(4));

  co_return first + ", " + co_await second + ", " + third + ", " + fourth;
}

int quickstart_main() {
  std::string all = aio::run(quickstart()); // a loop on the real clock
  return all.empty() ? 1 : 0;
}
// [/example]

TEST(DocExamples, Quickstart) {
  // The same program on a manual clock: no real waiting in tests.
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  aio::event_loop loop(options);
  EXPECT_EQ(loop.run_until_complete(quickstart()),
            "item 1, item 2, item 3, item 4");
  EXPECT_EQ(quickstart_main(), 0);
}
