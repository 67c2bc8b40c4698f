// A queue consumer treats its cancellation as a graceful stop and returns
// normally, so its owner cannot tell that it was cut short.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

using namespace std::chrono_literals;

aio::task<int> consume(aio::queue<std::string> &jobs) {
  int handled = 0;
  for (;;) {
    try {
      std::string job = co_await jobs.pop();
      co_await aio::sleep(100ms); // process it
      ++handled;
    } catch (const aio::cancelled_error &) {
      std::printf("consumer stopping after %d jobs\n", handled);
      co_return handled;
    }
  }
}

aio::task<> run() {
  aio::queue<std::string> jobs(16);
  auto consumer = aio::create_task(consume(jobs));
  for (const char *job : {"resize", "thumbnail", "upload"}) {
    co_await jobs.push(job);
  }
  co_await aio::sleep(1s);
  consumer.cancel();
  int handled = co_await aio::wait_for(std::move(consumer), 5s);
  std::printf("%d jobs handled\n", handled);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
