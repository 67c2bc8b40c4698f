// The same helper written as a coroutine: the vector of samples lives in its frame, which lasts until the checksum it awaits has finished.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <numeric>
#include <span>
#include <vector>

using namespace std::chrono_literals;

aio::task<long> checksum(std::span<const int> samples) {
  co_await aio::sleep(1ms); // yield to the loop between blocks
  co_return std::accumulate(samples.begin(), samples.end(), 0L);
}

std::vector<int> read_samples(int sensor) {
  std::vector<int> samples(64);
  std::iota(samples.begin(), samples.end(), sensor);
  return samples;
}

// doc:begin awaiting the task that views a local
aio::task<long> checksum_of(int sensor) {
  std::vector<int> samples = read_samples(sensor);
  co_return co_await checksum(samples);
}
// doc:end

aio::task<> run() {
  long sum = co_await checksum_of(3);
  std::printf("checksum %ld\n", sum);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
