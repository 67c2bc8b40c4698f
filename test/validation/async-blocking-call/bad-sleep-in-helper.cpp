// A session cleaner calls a plain helper that waits with
// std::this_thread::sleep_for, so the loop blocks one call away from the
// coroutine.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <thread>

using namespace std::chrono_literals;

struct session_store {
  std::map<std::string, int> idle_minutes{{"alice", 3}, {"bob", 45}};
};

void wait_for_disk_quiesce() { std::this_thread::sleep_for(1ms); }

int evict_idle(session_store &store) {
  int evicted = 0;
  for (auto it = store.idle_minutes.begin(); it != store.idle_minutes.end();) {
    if (it->second > 30) {
      it = store.idle_minutes.erase(it);
      ++evicted;
    } else {
      ++it;
    }
  }
  wait_for_disk_quiesce();
  return evicted;
}

aio::task<> clean_sessions(session_store &store) {
  co_await aio::sleep(1min);
  int evicted = evict_idle(store);
  std::printf("evicted %d sessions\n", evicted);
}

int main() {
  session_store store;
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(clean_sessions(store));
}
