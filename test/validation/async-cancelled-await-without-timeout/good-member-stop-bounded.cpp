// A metrics exporter's stop() cancels its background flusher and waits for it
// with a deadline; the flusher lets cancellation through its retry loop.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>

using namespace std::chrono_literals;

class exporter {
public:
  void start() { flusher_ = aio::create_task(flush_loop()); }

  aio::task<> stop() {
    flusher_.cancel();
    try {
      co_await aio::wait_for(std::move(flusher_), 2s);
    } catch (const aio::cancelled_error &) {
      std::puts("flusher stopped");
    }
  }

private:
  aio::task<> upload() {
    co_await aio::sleep(3s);
    throw std::runtime_error("collector returned 503");
  }

  aio::task<> flush_loop() {
    for (int failures = 0; failures < 10;) {
      try {
        co_await upload();
      } catch (const std::runtime_error &) {
        ++failures;
      }
    }
    throw std::runtime_error("collector unreachable");
  }

  aio::task_handle<void> flusher_;
};

aio::task<> run() {
  exporter e;
  e.start();
  co_await aio::sleep(1s);
  co_await e.stop();
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
