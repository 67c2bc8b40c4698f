// The journal writer takes the pending records under its std::unique_lock and unlocks it before awaiting the flush, so no thread mutex is held while the task is suspended.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

struct journal {
  std::mutex mutex;
  std::vector<std::string> pending;
  int flushed = 0;
};

aio::task<> write_batch(std::vector<std::string> batch, int &flushed) {
  co_await aio::sleep(2ms); // the write completes
  flushed += static_cast<int>(batch.size());
}

aio::task<> append(journal &j, int id) {
  std::unique_lock lock(j.mutex);
  j.pending.push_back("record " + std::to_string(id));
  std::vector<std::string> batch = std::exchange(j.pending, {});
  lock.unlock();
  co_await write_batch(std::move(batch), j.flushed);
}

int main() {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  journal j;
  auto both = [&]() -> aio::task<> {
    co_await aio::gather(append(j, 1), append(j, 2));
  };
  loop.run_until_complete(both());
  std::printf("flushed %d\n", j.flushed);
}
