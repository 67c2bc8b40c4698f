// A search endpoint fans a query out to shard threads and waits on a std::latch
// inside the coroutine, holding the loop for the slowest shard.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <latch>
#include <memory>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

int search_shard(int shard) {
  std::this_thread::sleep_for(150ms); // a slow index scan
  return shard * 10;
}

// The shard threads and what they share outlive the request.
struct fan_out {
  explicit fan_out(int shards) : hits(shards), done(shards) {}
  std::vector<int> hits;
  std::latch done;
  std::vector<std::thread> workers;
};

aio::task<int> search(fan_out &query) {
  co_await aio::sleep(1ms); // parse the query
  for (int i = 0; i < static_cast<int>(query.hits.size()); ++i) {
    query.workers.emplace_back([&query, i] {
      query.hits[i] = search_shard(i);
      query.done.count_down();
    });
  }
  query.done.wait();
  int total = 0;
  for (int h : query.hits) {
    total += h;
  }
  co_return total;
}

int main() {
  fan_out query(3);
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  std::printf("%d hits\n", loop.run_until_complete(search(query)));
  for (auto &worker : query.workers) {
    worker.join();
  }
}
