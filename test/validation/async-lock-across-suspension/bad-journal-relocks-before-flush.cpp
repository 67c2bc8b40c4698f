// A journal writer unlocks its std::unique_lock to format a record, then locks it again and awaits the flush with the lock held, so the journal mutex stays locked across the suspension.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct journal {
  std::mutex mutex;
  std::vector<std::string> pending;
  int flushed = 0;
};

aio::task<> flush_to_disk(journal &j) {
  co_await aio::sleep(2ms); // the write completes
  j.flushed += static_cast<int>(j.pending.size());
  j.pending.clear();
}

aio::task<> append(journal &j, int id) {
  std::unique_lock lock(j.mutex);
  auto sequence = j.pending.size();
  lock.unlock();
  std::string record = "record " + std::to_string(id) + "#" +
                       std::to_string(sequence);
  lock.lock();
  j.pending.push_back(std::move(record));
  co_await flush_to_disk(j);
}

int main() {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  journal j;
  loop.run_until_complete(append(j, 1));
  loop.run_until_complete(append(j, 2));
  std::printf("flushed %d\n", j.flushed);
}
