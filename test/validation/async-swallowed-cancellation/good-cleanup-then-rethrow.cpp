// An upload releases its reserved storage on any failure and rethrows, so a
// cancelled upload ends cancelled.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

using namespace std::chrono_literals;

struct storage {
  std::size_t reserved = 0;
};

aio::task<> send_chunks(std::size_t bytes) {
  for (std::size_t sent = 0; sent < bytes; sent += 1024) {
    co_await aio::sleep(10ms);
  }
}

aio::task<> upload(storage &s, std::string name, std::size_t bytes) {
  s.reserved += bytes;
  try {
    co_await send_chunks(bytes);
  } catch (...) {
    s.reserved -= bytes; // give the space back, then let the failure through
    std::printf("upload of %s aborted\n", name.c_str());
    throw;
  }
}

aio::task<> run() {
  storage s;
  aio::task_group uploads;
  uploads.spawn(upload(s, "small.bin", 4096));
  uploads.spawn(upload(s, "huge.iso", 1 << 30));
  co_await aio::sleep(1s);
  uploads.cancel();
  co_await uploads.join();
  std::printf("%zu bytes still reserved\n", s.reserved);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
