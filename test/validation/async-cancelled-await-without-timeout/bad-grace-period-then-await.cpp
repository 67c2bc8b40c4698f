// Shutdown gives the request drainer a grace period, then cancels it and
// awaits it with no bound, as if the grace period were the timeout; the
// drainer answers every queued request before it stops.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

aio::task<int> drain_requests(int queued) {
  bool stop_requested = false;
  int answered = 0;
  while (answered < queued) {
    try {
      co_await aio::sleep(2s); // answer one request
      ++answered;
    } catch (const aio::cancelled_error &) {
      stop_requested = true; // clients are waiting: answer them all first
    }
  }
  if (stop_requested) {
    throw aio::cancelled_error{};
  }
  co_return answered;
}

aio::task<> shutdown(aio::duration grace) {
  auto drainer = aio::create_task(drain_requests(500));
  co_await aio::sleep(grace);
  if (!drainer.done()) {
    drainer.cancel();
  }
  try {
    std::printf("%d requests answered\n", co_await drainer);
  } catch (const aio::cancelled_error &) {
    std::puts("drainer stopped");
  }
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(shutdown(10s));
}
