// A watchdog polls a stream consumer's progress; when the consumer stalls it
// cancels it, leaves the loop and awaits it with no bound, but the consumer
// finishes its current partition first.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

struct progress {
  int offset = 0;
};

aio::task<> consume_partition(progress &p) {
  bool stop_requested = false;
  while (p.offset < 100) {
    try {
      co_await aio::sleep(p.offset < 3 ? 1s : 1min); // the broker slows down
    } catch (const aio::cancelled_error &) {
      stop_requested = true; // commit the partition before stopping
      continue;
    }
    ++p.offset;
  }
  if (stop_requested) {
    throw aio::cancelled_error{};
  }
}

aio::task<> watchdog(progress &p) {
  auto consumer = aio::create_task(consume_partition(p));
  int last_seen = -1;
  for (;;) {
    co_await aio::sleep(10s);
    if (p.offset == last_seen) {
      consumer.cancel();
      break;
    }
    last_seen = p.offset;
  }
  try {
    co_await consumer;
  } catch (const aio::cancelled_error &) {
    std::printf("consumer stopped at offset %d\n", p.offset);
  }
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  progress p;
  loop.run_until_complete(watchdog(p));
}
