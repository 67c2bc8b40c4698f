// A lookup cache shared with a background refresher thread is guarded by a
// std::mutex held only for a map access, which does not block the loop.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

using namespace std::chrono_literals;

class price_cache {
public:
  std::optional<int> find(const std::string &sku) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = prices_.find(sku);
    return it == prices_.end() ? std::nullopt : std::optional<int>(it->second);
  }
  void store(const std::string &sku, int price) {
    std::lock_guard<std::mutex> lock(mutex_);
    prices_[sku] = price;
  }

private:
  std::mutex mutex_;
  std::map<std::string, int> prices_;
};

struct miss_counter {
  std::mutex mutex;
  int misses = 0;
};

aio::task<int> price_of(price_cache &cache, miss_counter &stats,
                        std::string sku) {
  if (auto hit = cache.find(sku)) {
    co_return *hit;
  }
  {
    std::lock_guard<std::mutex> lock(stats.mutex); // uncontended, brief
    ++stats.misses;
  }
  co_await aio::sleep(20ms); // ask the pricing service
  cache.store(sku, 99);
  co_return 99;
}

int main() {
  price_cache cache;
  miss_counter stats;
  cache.store("apple", 3);
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  int a = loop.run_until_complete(price_of(cache, stats, "apple"));
  int b = loop.run_until_complete(price_of(cache, stats, "pear"));
  std::printf("%d %d, %d misses\n", a, b, stats.misses);
}
