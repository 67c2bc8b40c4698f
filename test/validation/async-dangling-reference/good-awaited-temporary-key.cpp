// A cache warmer awaits each lookup in the statement that makes its temporary key, so the key lives until the lookup has finished.
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

// doc:begin awaiting each lookup at once
aio::task<int> warm_up() {
  int found = co_await fetch(std::string("configuration/feature-flags"));
  found += co_await fetch("configuration/rate-limits");
  co_return found;
}
// doc:end

aio::task<> run() {
  int found = co_await warm_up();
  std::printf("cache warm: %d\n", found);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
