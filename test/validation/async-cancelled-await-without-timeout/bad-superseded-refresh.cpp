// A price ticker cancels a refresh that is still running when the next tick
// comes and awaits it with no bound before starting the next one; the refresh
// retries its failing feed and ignores the cancellation.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>

using namespace std::chrono_literals;

aio::task<double> read_feed(int tick) {
  co_await aio::sleep(tick == 1 ? 3s : 200ms);
  if (tick == 1) {
    throw std::runtime_error("feed timed out");
  }
  co_return 100.0 + tick;
}

aio::task<double> refresh(int tick) {
  for (int attempt = 0; attempt < 4; ++attempt) {
    try {
      co_return co_await read_feed(tick);
    } catch (const std::exception &) {
    }
  }
  co_return 0.0;
}

aio::task<> ticker(int ticks) {
  auto pending = aio::create_task(refresh(0));
  for (int tick = 1; tick <= ticks; ++tick) {
    co_await aio::sleep(1s);
    if (!pending.done()) {
      pending.cancel(); // superseded by this tick
    }
    std::printf("price %.1f\n", co_await pending);
    pending = aio::create_task(refresh(tick));
  }
  co_await pending;
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(ticker(3));
}
