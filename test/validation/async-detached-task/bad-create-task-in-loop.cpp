// An accept loop starts one task per client with create_task and drops each
// handle; the clients that fail do so silently.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <vector>

using namespace std::chrono_literals;

struct client {
  int id = 0;
  bool sends_garbage = false;
};

aio::task<> serve_client(client c) {
  co_await aio::sleep(5ms);
  if (c.sends_garbage) {
    throw std::runtime_error("malformed request header");
  }
  std::printf("client %d served\n", c.id);
}

aio::task<> accept_loop(std::vector<client> backlog) {
  for (const client &c : backlog) {
    aio::create_task(serve_client(c));
    co_await aio::sleep(1ms); // next accept
  }
  co_await aio::sleep(1s);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(accept_loop({{1, false}, {2, true}, {3, true}}));
}
