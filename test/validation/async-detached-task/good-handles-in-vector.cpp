// An accept loop keeps the handle of every client task and awaits them all
// before returning, reporting each client's failure.
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
}

aio::task<int> accept_loop(std::vector<client> backlog) {
  std::vector<aio::task_handle<void>> running;
  for (const client &c : backlog) {
    running.push_back(aio::create_task(serve_client(c)));
    co_await aio::sleep(1ms);
  }
  int failures = 0;
  for (auto &h : running) {
    try {
      co_await h;
    } catch (const std::runtime_error &e) {
      std::printf("client failed: %s\n", e.what());
      ++failures;
    }
  }
  co_return failures;
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(accept_loop({{1, false}, {2, true}, {3, true}}));
}
