// Shutdown gives the request drainer a grace period, then cancels it and waits
// at most five more seconds for it to stop.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

aio::task<int> drain_requests(int queued) {
  int answered = 0;
  while (answered < queued) {
    co_await aio::sleep(2s); // answer one request
    ++answered;
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
    int answered = co_await aio::wait_for(std::move(drainer), 5s);
    std::printf("%d requests answered\n", answered);
  } catch (const aio::cancelled_error &) {
    std::puts("drainer stopped");
  } catch (const aio::timeout_error &) {
    std::puts("drainer did not stop; abandoning it");
  }
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(shutdown(10s));
}
