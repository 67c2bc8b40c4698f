// A sensor poller logs failed reads and polls again; it catches
// std::runtime_error, which aio::cancelled_error does not derive from, so the
// poller stops when it is cancelled.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>

using namespace std::chrono_literals;

aio::task<double> read_sensor(int round) {
  co_await aio::sleep(1s);
  if (round % 3 == 2) {
    throw std::runtime_error("sensor checksum mismatch");
  }
  co_return 20.0 + round;
}

aio::task<> poll(int rounds) {
  for (int round = 0; round < rounds; ++round) {
    try {
      double value = co_await aio::wait_for(read_sensor(round), 2s);
      std::printf("sample %.1f\n", value);
    } catch (const std::runtime_error &e) { // timeouts too
      std::printf("poll failed: %s\n", e.what());
    }
  }
}

aio::task<> run() {
  aio::task_group pollers;
  pollers.spawn(poll(6));
  co_await aio::sleep(3500ms);
  pollers.cancel();
  co_await pollers.join();
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
