// A failover handler cancels the primary's replication stream, then tells the
// replicas; when that fails it falls through to an unbounded await of the
// stream, which first flushes everything it buffered.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>

using namespace std::chrono_literals;

aio::task<> replicate(int buffered) {
  bool stop_requested = false;
  while (buffered > 0) {
    try {
      co_await aio::sleep(1s); // ship one segment
      --buffered;
    } catch (const aio::cancelled_error &) {
      stop_requested = true; // replicas must not miss a segment
    }
  }
  if (stop_requested) {
    throw aio::cancelled_error{};
  }
}

aio::task<> announce_failover() {
  co_await aio::sleep(100ms);
  throw std::runtime_error("replica 2 unreachable");
}

aio::task<> fail_over(aio::task_handle<void> stream) {
  try {
    stream.cancel();
    co_await announce_failover();
    co_return;
  } catch (const std::runtime_error &e) {
    std::printf("announce failed: %s\n", e.what());
  }
  co_await stream; // make sure the stream has stopped before retrying
}

aio::task<> run() {
  auto stream = aio::create_task(replicate(120));
  co_await aio::sleep(5s);
  try {
    co_await fail_over(std::move(stream));
  } catch (const aio::cancelled_error &) {
    std::puts("stream stopped");
  }
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
