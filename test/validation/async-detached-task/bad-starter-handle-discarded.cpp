// A small function starts a cache refresh and returns its handle; the caller
// ignores the handle, so the failed refresh goes unnoticed.
#include "aio/aio.hpp"

#include <chrono>
#include <memory>
#include <source_location>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;

struct price_cache {
  std::string source;
  int version = 0;
};

aio::task<> refresh(price_cache &c) {
  co_await aio::sleep(200ms);
  if (c.source.empty()) {
    throw std::runtime_error("price source is not configured");
  }
  ++c.version;
}

// Forwards the caller's location so that reports name the caller.
aio::task_handle<void>
start_refresh(price_cache &c,
              std::source_location where = std::source_location::current()) {
  return aio::create_task(refresh(c), where);
}

aio::task<int> tick(price_cache &c) {
  start_refresh(c);
  co_await aio::sleep(1s);
  co_return c.version;
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  price_cache c;
  loop.run_until_complete(tick(c));
}
