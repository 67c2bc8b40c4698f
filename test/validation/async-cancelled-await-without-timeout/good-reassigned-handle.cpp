// On a configuration reload a server cancels its listener task, starts a new
// one with the new settings and later awaits the new listener, not the old.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

struct config {
  int port = 0;
  aio::duration lifetime{};
};

aio::task<int> listen(config c) {
  co_await aio::sleep(c.lifetime); // accept connections until drained
  co_return c.port;
}

aio::task<> serve(config first, config reloaded) {
  auto listener = aio::create_task(listen(first));
  co_await aio::sleep(10s);
  listener.cancel();
  listener = aio::create_task(listen(reloaded));
  int port = co_await listener;
  std::printf("listener on port %d drained\n", port);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(serve({8080, 1h}, {8443, 30s}));
}
