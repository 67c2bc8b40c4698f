// A startup routine starts the cache warm-up with aio::create_task at once and
// awaits its handle before serving.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

struct cache {
  int entries = 0;
  bool cold() const { return entries == 0; }
};

aio::task<> warm_up(cache &c) {
  co_await aio::sleep(50ms); // preload the hot keys
  c.entries += 1000;
}

aio::task<> start(cache &c) {
  auto warming = aio::create_task(warm_up(c));
  co_await aio::sleep(5ms); // open the listening socket meanwhile
  co_await warming;
  std::printf("serving with %d cached entries\n", c.entries);
}

int main() {
  cache c;
  c.entries = 10; // restored from a snapshot
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(start(c));
}
