// A write-behind cache queues one write task per dirty key in a member and flushes them with a single gather; how many writes run at once is how many keys were touched, here 600.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

aio::task<int> write_back(std::string key, int value) {
  co_await aio::sleep(5ms); // the database commits the row
  co_return static_cast<int>(key.size()) + value;
}

class write_behind_cache {
public:
  void put(std::string key, int value) {
    pending_.push_back(write_back(std::move(key), value));
  }

  aio::task<int> flush() {
    std::vector<int> written = co_await aio::gather(std::move(pending_));
    pending_.clear();
    co_return static_cast<int>(written.size());
  }

private:
  std::vector<aio::task<int>> pending_;
};

aio::task<int> session() {
  write_behind_cache cache;
  for (int i = 0; i < 600; ++i)
    cache.put("session:" + std::to_string(i), i);
  co_return co_await cache.flush();
}

int main() {
  // More than 100 tasks in flight from one place is more than the backends
  // are sized for.
  aio::event_loop loop(
      aio::loop_options{.clock = std::make_shared<aio::manual_clock>(),
                        .debug = true,
                        .max_tasks_per_call_site = 100});
  int written = loop.run_until_complete(session());
  std::fprintf(stderr, "wrote %d rows\n", written);
}
