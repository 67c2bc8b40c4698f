// A read-through cache fills a miss while its std::lock_guard is alive, so the cache mutex stays locked across the await and any other lookup on the loop thread would deadlock.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <string>

using namespace std::chrono_literals;

std::mutex cache_mutex;
std::map<int, std::string> cache;

aio::task<std::string> fetch(int key) {
  co_await aio::sleep(5ms); // the backing store
  co_return "value-" + std::to_string(key);
}

// doc:begin a cache miss filled under the guard
aio::task<std::string> lookup(int key) {
  std::lock_guard guard(cache_mutex);
  if (auto it = cache.find(key); it != cache.end())
    co_return it->second;
  auto value = co_await fetch(key);
  cache[key] = value;
  co_return value;
}
// doc:end

int main() {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  std::string first = loop.run_until_complete(lookup(7));
  std::string again = loop.run_until_complete(lookup(7));
  std::printf("%s %s\n", first.c_str(), again.c_str());
}
