// An indexer saves a checkpoint when it is stopped, but the save waits for the disk slot that a nightly backup holds for an hour: the shutdown that cancelled it waits the whole hour.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>

using namespace std::chrono_literals;

struct disk {
  aio::semaphore slot{1}; // one writer at a time

  aio::task<> backup() {
    co_await slot.acquire();
    co_await aio::sleep(1h); // copies everything
    slot.release();
  }

  aio::task<> save_checkpoint(int position) {
    co_await slot.acquire();
    std::printf("checkpoint at %d\n", position);
    slot.release();
  }
};

aio::task<> index(disk &d, int &position) {
  std::exception_ptr stopped;
  try {
    for (;;) {
      co_await aio::sleep(10ms);
      ++position;
    }
  } catch (const aio::cancelled_error &) {
    stopped = std::current_exception();
  }
  co_await d.save_checkpoint(position); // queues behind the backup
  std::rethrow_exception(stopped);
}

aio::task<> service(disk &d) {
  int position = 0;
  aio::task_group group;
  group.spawn(d.backup());
  auto indexer = aio::create_task(index(d, position));
  co_await aio::sleep(2s);
  indexer.cancel(); // shutdown requested
  try {
    co_await indexer;
  } catch (const aio::cancelled_error &) {
    std::printf("indexer stopped at %d\n", position);
  }
  co_await group.join();
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  disk d;
  const aio::time_point start = loop.now();
  loop.run_until_complete(service(d));
  auto took = std::chrono::duration_cast<std::chrono::minutes>(loop.now() - start);
  std::printf("shutdown took %lld min\n", static_cast<long long>(took.count()));
}
