// Shutdown cancels the sync worker and waits for it to stop with a deadline;
// the worker lets cancellation through, so it stops at once.
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
    } catch (const std::runtime_error &) { // cancelled_error passes through
      if (attempt == 5) {
        throw;
      }
    }
    co_await aio::sleep(30s);
  }
}

// doc:begin the wait for the cancelled worker is bounded
aio::task<> shutdown(aio::task_handle<void> &worker) {
  std::puts("stopping the sync worker");
  worker.cancel();
  try {
    co_await aio::wait_for(std::move(worker), 5s);
  } catch (const aio::timeout_error &) {
    std::puts("worker ignored cancellation");
  }
}
// doc:end

aio::task<> run() {
  auto worker = aio::create_task(sync_with_retry());
  co_await aio::sleep(1s);
  try {
    co_await shutdown(worker);
  } catch (const aio::cancelled_error &) {
    std::puts("worker stopped");
  }
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
