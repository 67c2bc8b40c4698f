// A search endpoint fans a query out to shard threads and waits on a std::latch
// inside a lambda run on the thread pool, so the loop keeps serving.
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

aio::task<int> search(int shards) {
  co_await aio::sleep(1ms); // parse the query
  std::vector<int> hits(shards);
  co_await aio::to_thread([&] {
    std::latch done(shards);
    std::vector<std::jthread> workers;
    for (int i = 0; i < shards; ++i) {
      workers.emplace_back([&, i] {
        hits[i] = search_shard(i);
        done.count_down();
      });
    }
    done.wait();
  });
  int total = 0;
  for (int h : hits) {
    total += h;
  }
  co_return total;
}

int main() {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  std::printf("%d hits\n", loop.run_until_complete(search(3)));
}
