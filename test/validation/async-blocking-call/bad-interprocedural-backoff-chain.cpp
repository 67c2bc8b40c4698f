// A poller retries a flaky probe through retry() -> back_off() -> pause(), three plain calls deep, and pause() sleeps with usleep, so the back-off stalls every task on the loop.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

#include <unistd.h>

using namespace std::chrono_literals;

struct probe {
  int failures_left = 2;
  bool attempt() { return failures_left-- <= 0; }
};

void pause(unsigned micros) { ::usleep(micros); }

unsigned back_off(unsigned attempt) {
  unsigned delay = 100u << attempt;
  pause(delay);
  return delay;
}

int retry(probe &p, int max_attempts) {
  for (int attempt = 0; attempt < max_attempts; ++attempt) {
    if (p.attempt()) {
      return attempt + 1;
    }
    back_off(unsigned(attempt));
  }
  return -1;
}

aio::task<int> poll_service(probe &p) {
  co_await aio::sleep(1s); // the polling interval
  co_return retry(p, 5);
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
