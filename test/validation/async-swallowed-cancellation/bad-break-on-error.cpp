// A log shipper stops reading its pipe on any error and then flushes what it
// has; leaving the loop with break on cancellation makes it end normally.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

aio::task<std::size_t> ship_logs(aio::queue<std::string> &pipe) {
  std::vector<std::string> batch;
  for (;;) {
    try {
      batch.push_back(co_await pipe.pop());
    } catch (...) {
      break; // the pipe is gone: ship what we have
    }
  }
  std::printf("shipping %zu lines\n", batch.size());
  co_return batch.size();
}

aio::task<> run() {
  aio::queue<std::string> pipe(8);
  aio::task_group group;
  group.spawn(ship_logs(pipe));
  co_await pipe.push("GET / 200");
  co_await pipe.push("GET /favicon.ico 404");
  co_await aio::sleep(1s);
  group.cancel(); // shutting down
  co_await group.join();
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
