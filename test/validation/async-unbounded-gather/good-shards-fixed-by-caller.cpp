// A batch job splits 1000 records into shards and spawns one task per shard; the number of shards is a parameter, but the only caller passes 4, so four tasks run at once whatever the number of records.
#include <aio/aio.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <memory>
#include <numeric>
#include <vector>

using namespace std::chrono_literals;

struct stats {
  int in_flight = 0;
  int peak = 0;
  long sum = 0;
};

aio::task<> process_shard(const std::vector<int> &records, std::size_t shard,
                          std::size_t shards, stats &s) {
  s.peak = std::max(s.peak, ++s.in_flight);
  for (std::size_t i = shard; i < records.size(); i += shards) {
    s.sum += records[i];
    co_await aio::sleep(1ms);
  }
  --s.in_flight;
}

aio::task<> process_all(const std::vector<int> &records, std::size_t shards,
                        stats &s) {
  aio::task_group group;
  for (std::size_t shard = 0; shard < shards; ++shard)
    group.spawn(process_shard(records, shard, shards, s));
  co_await group.join();
}

int main() {
  // More than 100 tasks in flight from one place is more than the backends
  // are sized for.
  aio::event_loop loop(
      aio::loop_options{.clock = std::make_shared<aio::manual_clock>(),
                        .debug = true,
                        .max_tasks_per_call_site = 100});
  std::vector<int> records(1000);
  std::iota(records.begin(), records.end(), 1);
  stats s;
  loop.run_until_complete(process_all(records, 4, s));
  std::fprintf(stderr, "sum %ld, peak concurrent shards %d\n", s.sum, s.peak);
}
