// The same read-through cache locks its std::mutex only around the map accesses, before and after the await, so no lock is held while the lookup is suspended.
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

// doc:begin lock only around the synchronous parts
aio::task<std::string> lookup(int key) {
  {
    std::lock_guard guard(cache_mutex);
    if (auto it = cache.find(key); it != cache.end())
      co_return it->second;
  }
  auto value = co_await fetch(key);
  std::lock_guard guard(cache_mutex);
  cache[key] = value;
  co_return value;
}
// doc:end

int main() {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  auto both = [&]() -> aio::task<std::string> {
    auto [a, b] = co_await aio::gather(lookup(7), lookup(8));
    co_return a + " " + b;
  };
  std::string result = loop.run_until_complete(both());
  std::printf("%s\n", result.c_str());
}
