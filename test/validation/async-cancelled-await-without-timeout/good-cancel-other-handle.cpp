// A hedged read starts a second request if the first is slow, takes the first
// answer and cancels the other request; only the winner is awaited.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

using namespace std::chrono_literals;

aio::task<std::string> read_from(std::string replica, aio::duration latency) {
  co_await aio::sleep(latency);
  co_return replica;
}

aio::task<std::string> hedged_read() {
  auto primary = aio::create_task(read_from("primary", 300ms));
  co_await aio::sleep(50ms);
  auto hedge = aio::create_task(read_from("hedge", 20ms));
  while (!primary.done() && !hedge.done()) {
    co_await aio::sleep(10ms);
  }
  if (hedge.done()) {
    primary.cancel();
    co_return co_await hedge;
  }
  hedge.cancel();
  co_return co_await primary;
}

aio::task<> run() {
  std::printf("answered by %s\n", (co_await hedged_read()).c_str());
  co_await aio::sleep(1s);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
