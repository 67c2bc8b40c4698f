// An upload handler computes a checksum on a std::thread and then joins it from
// the coroutine, blocking the loop until the thread ends.
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

aio::task<> store_upload(std::vector<std::uint8_t> data) {
  std::uint32_t sum = 0;
  std::thread worker([&] { sum = checksum(data); });
  co_await aio::sleep(1ms); // receive the trailer meanwhile
  worker.join();
  std::printf("stored %zu bytes, checksum %u\n", data.size(), sum);
}

int main() {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(store_upload(std::vector<std::uint8_t>(4096, 7)));
}
