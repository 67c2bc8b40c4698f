// On shutdown a writer shields its final flush and casts the shield away; the
// flush is still running, unowned, when the loop is destroyed.
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
    co_await aio::sleep(100ms); // one write per line
    w.written += line.size();
  }
  w.buffered.clear();
}

aio::task<> shutdown(log_writer &w) {
  // Meant to protect the flush from cancellation, but nobody awaits it.
  (void)aio::shield(flush(w));
  co_await aio::yield();
}

aio::task<> run(log_writer &w) {
  w.buffered = {"start", "request 1", "request 2", "stop"};
  co_await aio::sleep(1s);
  co_await shutdown(w);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  log_writer w;
  loop.run_until_complete(run(w));
}
