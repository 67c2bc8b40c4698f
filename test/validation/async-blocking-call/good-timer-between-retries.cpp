// A price fetcher retries a flaky upstream and waits between attempts on the
// loop's timer, so other requests keep being served.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>

using namespace std::chrono_literals;

struct upstream {
  int failures_left = 2;
};

aio::task<int> query_price(upstream &server, int item) {
  co_await aio::sleep(20ms);
  if (server.failures_left > 0) {
    --server.failures_left;
    throw std::runtime_error("upstream unavailable");
  }
  co_return 100 + item;
}

// doc:begin retry with a back-off on the loop's timer
aio::task<int> fetch_price(upstream &server, int item) {
  for (int attempt = 1;; ++attempt) {
    try {
      co_return co_await query_price(server, item);
    } catch (const std::runtime_error &) {
      if (attempt == 3) {
        throw;
      }
    }
    co_await aio::sleep(2ms * attempt);
  }
}
// doc:end

aio::task<> serve() {
  upstream server;
  int price = co_await fetch_price(server, 7);
  std::printf("price %d\n", price);
}

int main() {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(serve());
}
