// A small function starts a cache refresh and returns its handle; the caller
// keeps the handle and awaits it, so a failed refresh is reported.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
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

aio::task_handle<void> start_refresh(price_cache &c) {
  return aio::create_task(refresh(c));
}

aio::task<int> tick(price_cache &c) {
  auto refreshing = start_refresh(c);
  co_await aio::sleep(1s);
  try {
    co_await refreshing;
  } catch (const std::runtime_error &e) {
    std::printf("refresh failed: %s\n", e.what());
  }
  co_return c.version;
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  price_cache c;
  loop.run_until_complete(tick(c));
}
