// A journal writer flushes its buffer after being cancelled, but the device never becomes ready: wait_for's deadline passes and then wait_for hangs on the unbounded flush.
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

// doc:begin flushing a journal after a cancellation
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
  co_await j.flush(); // waits for the device, whatever happens
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
  try {
    loop.run_until_complete(run(j));
  } catch (const aio::deadlock_error &e) {
    std::printf("%s (%d entries never flushed)\n", e.what(), j.buffered);
  }
}
