// A download manager's cancel button, a coroutine lambda, cancels the download
// and waits for it to stop with a deadline.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

aio::task<int> download(int chunks) {
  int done = 0;
  for (int chunk = 0; chunk < chunks; ++chunk) {
    co_await aio::sleep(4s); // fetch one chunk
    ++done;
  }
  co_return done;
}

aio::task<> run() {
  auto transfer = aio::create_task(download(4));
  auto on_cancel_clicked = [&transfer]() -> aio::task<> {
    transfer.cancel();
    try {
      co_await aio::wait_for(std::move(transfer), 3s);
    } catch (const aio::cancelled_error &) {
      std::puts("download cancelled");
    } catch (const aio::timeout_error &) {
      std::puts("download did not stop");
    }
  };
  co_await aio::sleep(1s);
  co_await on_cancel_clicked();
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
