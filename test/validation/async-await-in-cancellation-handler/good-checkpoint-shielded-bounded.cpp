// An indexer saves a checkpoint when it is stopped; the save is shielded and bounded, so a nightly backup holding the disk for an hour costs the shutdown two seconds and the checkpoint is skipped.
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
  try {
    co_await aio::shield(aio::wait_for(d.save_checkpoint(position), 2s));
  } catch (const aio::timeout_error &) {
    std::printf("disk busy; checkpoint at %d skipped\n", position);
  }
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
  loop.run_until_complete(service(d));
}
