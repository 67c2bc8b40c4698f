// A connection runs its heartbeat in a task group next to the request handling
// and cancels it when the connection ends, so no work outlives the connection.
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
  co_await aio::sleep(20ms);
  std::printf("connection %d answered\n", s.id);
}

// doc:begin the heartbeat is owned by a task group
aio::task<> serve_connection(connection &s) {
  aio::task_group group;
  group.spawn(heartbeat(s));
  for (int i = 0; i < 3; ++i) {
    co_await handle_request(s);
  }
  group.cancel();
  co_await group.join();
}
// doc:end

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  connection s{.id = 7};
  loop.run_until_complete(serve_connection(s));
}
