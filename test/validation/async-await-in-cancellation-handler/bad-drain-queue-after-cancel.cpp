// A consumer that is cancelled waits for the producer's end-of-stream marker before it stops, but the producer was stopped too and never sends it: the consumer's canceller waits for ever.
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
  // Cancelled before it could push end_of_stream.
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
    // Drain up to the marker so no item is left half-handled.
    while (co_await items.pop() != end_of_stream) {
      ++handled;
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
  } catch (const aio::deadlock_error &e) {
    std::printf("%s (%d items handled)\n", e.what(), handled);
  }
}
