// A config watcher reloads a stale section only in one branch and forgets
// co_await there, so stale sections are never reloaded.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct section {
  std::string name;
  int version = 0;
  bool stale = false;
};

aio::task<> reload(section &s) {
  co_await aio::sleep(5ms); // fetch from the config service
  ++s.version;
  s.stale = false;
}

aio::task<> refresh_all(std::vector<section> &sections) {
  for (auto &s : sections) {
    if (s.stale) {
      reload(s);
    } else {
      co_await aio::yield();
    }
  }
}

int main() {
  std::vector<section> sections{{"db", 1, false}, {"cache", 4, true}};
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(refresh_all(sections));
  std::printf("cache at version %d\n", sections[1].version);
}
