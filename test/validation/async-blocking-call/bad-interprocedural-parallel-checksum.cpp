// A coroutine checksums a payload through a plain helper that hands half the work to a std::thread and joins it, so the loop waits for the worker.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <numeric>
#include <string>
#include <thread>

using namespace std::chrono_literals;

unsigned sum_bytes(const std::string &data, std::size_t begin, std::size_t end) {
  return std::accumulate(data.begin() + long(begin), data.begin() + long(end), 0u);
}

unsigned parallel_checksum(const std::string &data) {
  unsigned low = 0;
  unsigned high = 0;
  std::size_t middle = data.size() / 2;
  std::thread worker([&] { high = sum_bytes(data, middle, data.size()); });
  low = sum_bytes(data, 0, middle);
  worker.join();
  return low + high;
}

aio::task<unsigned> verify_upload(std::string payload) {
  co_await aio::sleep(3ms); // receive the upload
  co_return parallel_checksum(payload);
}

int main() {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  unsigned sum = loop.run_until_complete(verify_upload(std::string(4096, 'x')));
  std::printf("checksum %u\n", sum);
}
