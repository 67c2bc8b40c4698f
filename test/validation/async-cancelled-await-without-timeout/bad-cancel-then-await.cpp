// Shutdown cancels the sync worker and awaits it with no bound; the worker's
// retry loop swallows the cancellation and keeps retrying, so shutdown hangs.
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
    } catch (const std::exception &e) { // also catches cancelled_error
      if (attempt == 5) {
        throw;
      }
    }
    co_await aio::sleep(30s); // back off before the next attempt
  }
}

// doc:begin shutdown waits for as long as the worker takes
aio::task<> shutdown(aio::task_handle<void> &worker) {
  std::puts("stopping the sync worker");
  worker.cancel();
  co_await worker;
  std::puts("sync worker stopped");
}
// doc:end

aio::task<> run() {
  auto worker = aio::create_task(sync_with_retry());
  co_await aio::sleep(1s);
  try {
    co_await shutdown(worker);
  } catch (const std::exception &e) {
    std::printf("worker ended: %s\n", e.what());
  }
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
