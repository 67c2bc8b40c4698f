// A journal writer flushes its buffer after being cancelled, shielded and bounded by a timeout, so the stalled device costs at most 200ms and wait_for returns.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>

using namespace std::chrono_literals;

struct journal {
  aio::event device_ready; // never set: the disk has stalled
  int buffered = 0;

  aio::task<> flush() {
    co_await device_ready.wait();
    buffered = 0;
  }
};

// doc:begin a shielded flush with a deadline
aio::task<> write_entries(journal &j) {
  std::exception_ptr stopped;
  try {
    for (;;) {
      co_await aio::sleep(100ms);
      ++j.buffered;
    }
  } catch (const aio::cancelled_error &) {
    stopped = std::current_exception();
  }
  try {
    co_await aio::shield(aio::wait_for(j.flush(), 200ms));
  } catch (const aio::timeout_error &) {
    std::printf("flush abandoned, %d entries lost\n", j.buffered);
  }
  if (stopped)
    std::rethrow_exception(stopped);
}
// doc:end

aio::task<> run(journal &j) {
  try {
    co_await aio::wait_for(write_entries(j), 1s);
  } catch (const aio::timeout_error &) {
    std::puts("writer stopped");
  }
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  journal j;
  loop.run_until_complete(run(j));
}
