// A config watcher collects a reload task per stale section in a vector and
// awaits them all at once with aio::gather.
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

aio::task<int> reload(section &s) {
  co_await aio::sleep(5ms); // fetch from the config service
  s.stale = false;
  co_return ++s.version;
}

aio::task<> refresh_all(std::vector<section> &sections) {
  std::vector<aio::task<int>> reloads;
  for (auto &s : sections) {
    if (s.stale) {
      reloads.push_back(reload(s));
    }
  }
  std::vector<int> versions = co_await aio::gather(std::move(reloads));
  std::printf("%zu sections reloaded\n", versions.size());
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
