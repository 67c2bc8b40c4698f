// An upload handler computes a checksum on a std::thread that main joins once
// the loop has finished, so no coroutine ever waits for the thread.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <numeric>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

std::uint32_t checksum(const std::vector<std::uint8_t> &data) {
  return std::accumulate(
      data.begin(), data.end(), std::uint32_t{0},
      [](std::uint32_t sum, std::uint8_t byte) { return sum * 31 + byte; });
}

aio::task<> store_upload(const std::vector<std::uint8_t> &data,
                         std::uint32_t &sum, std::thread &worker) {
  worker = std::thread([&] { sum = checksum(data); });
  co_await aio::sleep(1ms); // receive the trailer meanwhile
  std::printf("stored %zu bytes\n", data.size());
}

int main() {
  std::vector<std::uint8_t> data(4096, 7);
  std::uint32_t sum = 0;
  std::thread worker;
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(store_upload(data, sum, worker));
  worker.join(); // the loop has stopped: blocking is fine here
  std::printf("checksum %u\n", sum);
}
