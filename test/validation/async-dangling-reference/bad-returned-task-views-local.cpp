// A helper that is not a coroutine builds a vector of samples and returns a task viewing it; the vector is freed when the helper returns, before the task runs.
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

// doc:begin returning a task that views a local
aio::task<long> checksum_of(int sensor) {
  std::vector<int> samples = read_samples(sensor);
  return checksum(samples);
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
