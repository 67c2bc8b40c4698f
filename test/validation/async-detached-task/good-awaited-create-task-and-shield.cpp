// On shutdown a writer awaits its shielded final flush, and the service awaits
// the task it created; nothing is left running unowned.
#include "aio/aio.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct log_writer {
  std::vector<std::string> buffered;
  std::size_t written = 0;
};

aio::task<> flush(log_writer &w) {
  for (const auto &line : w.buffered) {
    co_await aio::sleep(100ms);
    w.written += line.size();
  }
  w.buffered.clear();
}

aio::task<> shutdown(log_writer &w) {
  // The flush finishes even if shutdown itself is cancelled.
  co_await aio::shield(flush(w));
}

aio::task<std::size_t> run(log_writer &w) {
  w.buffered = {"start", "request 1", "request 2", "stop"};
  co_await aio::sleep(1s);
  co_await aio::create_task(shutdown(w));
  co_return w.written;
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  log_writer w;
  loop.run_until_complete(run(w));
}
