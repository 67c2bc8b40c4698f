// A write-back cache's shutdown path calls flush() without co_await, so the
// dirty entries are never written and the task is destroyed unstarted.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>

using namespace std::chrono_literals;

struct write_back_cache {
  std::map<std::string, std::string> dirty{{"user:1", "alice"}};
  int writes = 0;

  aio::task<> flush() {
    for (auto &entry : dirty) {
      co_await aio::sleep(2ms); // one write to the backing store
      ++writes;
    }
    dirty.clear();
  }
};

// doc:begin a flush that never runs
aio::task<> shut_down(write_back_cache &cache) {
  cache.flush();
  co_await aio::sleep(1ms); // close connections
  std::printf("%zu entries left unwritten\n", cache.dirty.size());
}
// doc:end

int main() {
  write_back_cache cache;
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(shut_down(cache));
}
