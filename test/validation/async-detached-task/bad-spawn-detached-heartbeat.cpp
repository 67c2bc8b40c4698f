// A connection spawns its heartbeat detached; the connection ends but the
// heartbeat runs on with no owner until the event loop is torn down.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

struct connection {
  int id = 0;
  int beats = 0;
};

aio::task<> heartbeat(connection &s) {
  for (;;) {
    co_await aio::sleep(5s);
    ++s.beats;
  }
}

aio::task<> handle_request(connection &s) {
  co_await aio::sleep(20ms); // stands in for reading and answering a request
  std::printf("connection %d answered\n", s.id);
}

// doc:begin spawn_detached leaves the heartbeat with no owner
aio::task<> serve_connection(connection &s) {
  aio::spawn_detached(heartbeat(s));
  for (int i = 0; i < 3; ++i) {
    co_await handle_request(s);
  }
}
// doc:end

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  connection s{.id = 7};
  loop.run_until_complete(serve_connection(s));
}
