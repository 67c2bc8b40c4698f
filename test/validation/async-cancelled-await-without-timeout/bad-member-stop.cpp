// A metrics exporter's stop() cancels its background flusher and awaits it
// with no bound; the flusher retries a failing upload and ignores the cancel.
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
    co_await flusher_;
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
      } catch (const std::exception &) {
        ++failures; // keep the samples and try again
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
  try {
    co_await e.stop();
  } catch (const std::exception &error) {
    std::printf("exporter stopped: %s\n", error.what());
  }
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
