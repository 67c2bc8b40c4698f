// A poller retries a flaky probe; the plain helpers only compute the back-off delay and the coroutine waits for it on the loop's timer with aio::sleep.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

struct probe {
  int failures_left = 2;
  bool attempt() { return failures_left-- <= 0; }
};

std::chrono::microseconds back_off(unsigned attempt) {
  return std::chrono::microseconds(100u << attempt);
}

std::chrono::microseconds capped_back_off(unsigned attempt) {
  auto delay = back_off(attempt);
  return delay > 1ms ? std::chrono::microseconds(1ms) : delay;
}

aio::task<int> poll_service(probe &p) {
  co_await aio::sleep(1s); // the polling interval
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (p.attempt()) {
      co_return attempt + 1;
    }
    co_await aio::sleep(capped_back_off(unsigned(attempt)));
  }
  co_return -1;
}

int main() {
  probe p;
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  int attempts = loop.run_until_complete(poll_service(p));
  std::printf("probe succeeded after %d attempts\n", attempts);
}
