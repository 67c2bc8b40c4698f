// A cache warmer spawns a lookup with a temporary key into a task group; the key is destroyed at the end of the spawning statement, before the lookup reads it.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>

using namespace std::chrono_literals;

std::map<std::string, int> cache = {
    {"configuration/feature-flags", 7},
    {"configuration/rate-limits", 3},
};

aio::task<int> fetch(const std::string &key) {
  co_await aio::sleep(10ms); // the lookup waits for the store
  auto it = cache.find(key);
  co_return it == cache.end() ? 0 : it->second;
}

// doc:begin spawning a lookup with a temporary key
aio::task<> warm_up(aio::task_group &group) {
  group.spawn(fetch(std::string("configuration/feature-flags")));
  group.spawn(fetch("configuration/rate-limits"));
  co_return;
}
// doc:end

aio::task<> run() {
  aio::task_group group;
  co_await warm_up(group);
  co_await group.join();
  std::puts("cache warm");
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
