// A handler looks up every id of a request in batches of eight gathered one after the other, so at most eight lookups run concurrently whatever the request size.
#include <aio/aio.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <memory>
#include <numeric>
#include <vector>

using namespace std::chrono_literals;

struct backend {
  int in_flight = 0;
  int peak = 0;
};

aio::task<int> lookup(backend &db, int id) {
  db.peak = std::max(db.peak, ++db.in_flight);
  co_await aio::sleep(10ms);
  --db.in_flight;
  co_return id * 2;
}

aio::task<long> handle_request(backend &db, std::vector<int> ids) {
  constexpr std::size_t batch_size = 8;
  long total = 0;
  for (std::size_t first = 0; first < ids.size(); first += batch_size) {
    std::vector<aio::task<int>> batch;
    for (std::size_t i = first; i < std::min(first + batch_size, ids.size()); ++i)
      batch.push_back(lookup(db, ids[i]));
    std::vector<int> values = co_await aio::gather(std::move(batch));
    total = std::accumulate(values.begin(), values.end(), total);
  }
  co_return total;
}

int main() {
  // More than 100 tasks in flight from one place is more than the backends
  // are sized for.
  aio::event_loop loop(
      aio::loop_options{.clock = std::make_shared<aio::manual_clock>(),
                        .debug = true,
                        .max_tasks_per_call_site = 100});
  backend db;
  std::vector<int> ids(1000);
  std::iota(ids.begin(), ids.end(), 1);
  long total = loop.run_until_complete(handle_request(db, std::move(ids)));
  std::fprintf(stderr, "total %ld, peak concurrent lookups %d\n", total, db.peak);
}
