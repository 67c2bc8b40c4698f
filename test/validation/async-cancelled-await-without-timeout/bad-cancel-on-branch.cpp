// A report job is cancelled only when it overruns its budget, then awaited on
// every path with no bound; the job's retry loop ignores the cancellation.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>

using namespace std::chrono_literals;

aio::task<int> query_warehouse() {
  co_await aio::sleep(10s);
  throw std::runtime_error("warehouse connection reset");
}

aio::task<int> build_report() {
  for (int attempt = 1;; ++attempt) {
    try {
      co_return co_await query_warehouse();
    } catch (...) {
      if (attempt == 3) {
        throw;
      }
    }
  }
}

aio::task<int> nightly(aio::duration budget) {
  auto report = aio::create_task(build_report());
  co_await aio::sleep(budget);
  if (!report.done()) {
    std::puts("report overran its budget");
    report.cancel();
  }
  co_return co_await report;
}

aio::task<> run() {
  try {
    co_await nightly(5s);
  } catch (const std::exception &e) {
    std::printf("no report tonight: %s\n", e.what());
  }
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
