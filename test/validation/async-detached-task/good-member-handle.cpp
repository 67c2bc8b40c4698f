// A metrics exporter keeps its background flusher's handle in a member and
// stops it on shutdown, observing how it ended.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

class exporter {
public:
  void start() { flusher_ = aio::create_task(flush_every(1s)); }

  aio::task<> stop() {
    flusher_.cancel();
    try {
      co_await aio::wait_for(std::move(flusher_), 5s);
    } catch (const aio::cancelled_error &) {
      std::printf("flusher stopped after %d flushes\n", flushes_);
    }
  }

private:
  aio::task<> flush_every(aio::duration period) {
    for (;;) {
      co_await aio::sleep(period);
      ++flushes_;
    }
  }

  aio::task_handle<void> flusher_;
  int flushes_ = 0;
};

aio::task<> run() {
  exporter e;
  e.start();
  co_await aio::sleep(3500ms);
  co_await e.stop();
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
