// A download manager's cancel button, a coroutine lambda, cancels the download
// and awaits it with no bound; the download keeps retrying its chunk.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>

using namespace std::chrono_literals;

aio::task<> fetch_chunk(int chunk) {
  co_await aio::sleep(4s);
  if (chunk == 2) {
    throw std::runtime_error("connection dropped");
  }
}

aio::task<int> download(int chunks) {
  int done = 0;
  for (int chunk = 0; chunk < chunks; ++chunk) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      try {
        co_await fetch_chunk(chunk);
        ++done;
        break;
      } catch (const std::exception &) {
      }
    }
  }
  co_return done;
}

aio::task<> run() {
  auto transfer = aio::create_task(download(4));
  auto on_cancel_clicked = [&transfer]() -> aio::task<> {
    transfer.cancel();
    int chunks = co_await transfer;
    std::printf("download stopped after %d chunks\n", chunks);
  };
  co_await aio::sleep(1s);
  co_await on_cancel_clicked();
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
