// A worker releases its lease after a shard failure (std::runtime_error), which cancellation does not derive from; a cancellation ends it at once and the rebalancer moves on.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <stdexcept>

using namespace std::chrono_literals;

struct coordinator {
  aio::queue<int> replies{1}; // the coordinator is down: nothing arrives

  aio::task<> release(int lease) {
    std::printf("releasing lease %d\n", lease);
    co_await replies.pop();
  }
};

aio::task<> work(coordinator &c, int lease) {
  bool failed = false;
  try {
    co_await aio::sleep(10s); // process the leased shard
  } catch (const std::runtime_error &e) {
    std::printf("shard failed: %s\n", e.what());
    failed = true;
  }
  if (failed) {
    co_await c.release(lease);
    throw std::runtime_error("shard abandoned");
  }
}

aio::task<> rebalance(coordinator &c) {
  auto worker = aio::create_task(work(c, 7));
  co_await aio::sleep(1s);
  worker.cancel();
  try {
    co_await worker;
  } catch (const aio::cancelled_error &) {
    std::puts("worker cancelled");
  }
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  coordinator c;
  loop.run_until_complete(rebalance(c));
}
