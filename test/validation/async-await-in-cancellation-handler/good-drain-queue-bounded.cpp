// A consumer that is cancelled drains what is already queued, but each wait for the next item is bounded, so a stopped producer costs it half a second and the pipeline shuts down.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>

using namespace std::chrono_literals;

constexpr int end_of_stream = -1;

aio::task<> produce(aio::queue<int> &items) {
  for (int i = 0;; ++i) {
    co_await items.push(i);
    co_await aio::sleep(100ms);
  }
}

aio::task<> consume(aio::queue<int> &items, int &handled) {
  std::exception_ptr stopped;
  try {
    while (co_await items.pop() != end_of_stream) {
      ++handled;
    }
  } catch (const aio::cancelled_error &) {
    stopped = std::current_exception();
  }
  if (stopped) {
    try {
      while (co_await aio::wait_for(items.pop(), 500ms) != end_of_stream) {
        ++handled;
      }
    } catch (const aio::timeout_error &) {
      std::printf("no end-of-stream marker; stopping anyway\n");
    }
    std::rethrow_exception(stopped);
  }
}

aio::task<> pipeline(int &handled) {
  aio::queue<int> items(8);
  aio::task_group group;
  group.spawn(produce(items));
  group.spawn(consume(items, handled));
  co_await aio::sleep(1s);
  group.cancel(); // shutdown
  co_await group.join();
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  int handled = 0;
  try {
    loop.run_until_complete(pipeline(handled));
  } catch (const aio::cancelled_error &) {
  }
  std::printf("%d items handled\n", handled);
}
