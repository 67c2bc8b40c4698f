// Shutdown cancels the sync worker and bounds the wait with wait_for; the
// worker's retry loop swallows the first cancellation, and the deadline's own
// cancellation stops it after five seconds.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>

using namespace std::chrono_literals;

aio::task<> push_changes() {
  co_await aio::sleep(2s);
  throw std::runtime_error("backend unavailable");
}

aio::task<> sync_with_retry() {
  for (int attempt = 1;; ++attempt) {
    try {
      co_await push_changes();
      co_return;
    } catch (const std::exception &) { // also catches cancelled_error
      if (attempt == 5) {
        throw;
      }
    }
    co_await aio::sleep(30s);
  }
}

aio::task<> shutdown(aio::task_handle<void> &worker) {
  worker.cancel();
  try {
    co_await aio::wait_for(std::move(worker), 5s);
  } catch (const aio::timeout_error &) {
    std::puts("worker ignored cancellation");
  }
}

aio::task<> run() {
  auto worker = aio::create_task(sync_with_retry());
  co_await aio::sleep(1s);
  co_await shutdown(worker);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
