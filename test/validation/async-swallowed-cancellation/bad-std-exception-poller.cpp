// A sensor poller logs every failure and polls again; catching std::exception
// also catches the cancellation that stops it, so it finishes its rounds.
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

aio::task<int> poll(int rounds) {
  int samples = 0;
  for (int round = 0; round < rounds; ++round) {
    try {
      double value = co_await read_sensor(round);
      std::printf("sample %.1f\n", value);
      ++samples;
    } catch (const std::exception &e) {
      std::printf("poll failed: %s\n", e.what());
    }
  }
  co_return samples;
}

aio::task<> run() {
  auto poller = aio::create_task(poll(6));
  co_await aio::sleep(1500ms);
  poller.cancel();
  std::printf("%d samples\n", co_await aio::wait_for(std::move(poller), 1min));
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
