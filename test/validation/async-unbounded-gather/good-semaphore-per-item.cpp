// A handler looks up every id of a request, one task per id gathered at once, but each lookup holds one of eight semaphore permits, so at most eight run concurrently whatever the request size.
#include <aio/aio.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <numeric>
#include <vector>

using namespace std::chrono_literals;

struct backend {
  aio::semaphore slots{8};
  int in_flight = 0;
  int peak = 0;
};

// doc:begin A semaphore bounds the lookups
aio::task<int> lookup(backend &db, int id) {
  co_await db.slots.acquire();
  db.peak = std::max(db.peak, ++db.in_flight);
  co_await aio::sleep(10ms);
  --db.in_flight;
  db.slots.release();
  co_return id * 2;
}

aio::task<long> handle_request(backend &db, std::vector<int> ids) {
  std::vector<aio::task<int>> lookups;
  for (int id : ids)
    lookups.push_back(lookup(db, id));
  std::vector<int> values = co_await aio::gather(std::move(lookups));
  co_return std::accumulate(values.begin(), values.end(), 0L);
}
// doc:end

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
