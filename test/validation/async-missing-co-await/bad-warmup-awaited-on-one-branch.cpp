// A startup routine creates a cache warm-up task but awaits it only when the
// cache is cold; on a warm start the task is destroyed unstarted.
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
  c.entries = 1000;
}

aio::task<> start(cache &c) {
  auto warming = warm_up(c);
  if (c.cold()) {
    co_await std::move(warming);
  }
  std::printf("serving with %d cached entries\n", c.entries);
}

int main() {
  cache c;
  c.entries = 10; // restored from a snapshot: a warm start
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(start(c));
}
