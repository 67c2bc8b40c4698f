// A payment client retries attempts that fail with a runtime error; the
// checkout's deadline cancels it, and the cancellation is not retried.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;

aio::task<std::string> authorize(int attempt) {
  co_await aio::sleep(attempt == 0 ? 100ms : 10s);
  if (attempt == 0) {
    throw std::runtime_error("gateway busy");
  }
  co_return "auth-" + std::to_string(attempt);
}

aio::task<std::string> charge_with_retry(int max_attempts) {
  for (int attempt = 0; attempt < max_attempts; ++attempt) {
    try {
      co_return co_await authorize(attempt);
    } catch (const std::runtime_error &e) {
      std::printf("attempt %d failed (%s), retrying\n", attempt, e.what());
    }
  }
  co_return "declined";
}

aio::task<> checkout() {
  try {
    auto code = co_await aio::wait_for(charge_with_retry(3), 3s);
    std::printf("charged: %s\n", code.c_str());
  } catch (const aio::timeout_error &) {
    std::puts("payment timed out");
  }
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(checkout());
}
