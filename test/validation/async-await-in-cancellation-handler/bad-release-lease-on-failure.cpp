// A worker that fails for any reason, cancellation included (std::exception), releases its lease by waiting for the coordinator's reply, which never comes: the task that cancelled it waits forever.
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
  } catch (const std::exception &e) {
    std::printf("shard stopped: %s\n", e.what());
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
  } catch (const std::exception &e) {
    std::printf("worker ended: %s\n", e.what());
  }
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  coordinator c;
  try {
    loop.run_until_complete(rebalance(c));
  } catch (const aio::deadlock_error &e) {
    std::puts(e.what());
  }
}
