// A lookup tries the replicas one by one: each attempt gets a fresh task that
// is cancelled when it is too slow, and an attempt is awaited only before it
// could have been cancelled.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace std::chrono_literals;

aio::task<std::string> query(std::string replica, aio::duration latency) {
  co_await aio::sleep(latency);
  co_return "answer from " + replica;
}

aio::task<std::optional<std::string>>
lookup(std::vector<std::pair<std::string, aio::duration>> replicas) {
  for (const auto &[replica, latency] : replicas) {
    auto attempt = aio::create_task(query(replica, latency));
    co_await aio::sleep(100ms);
    if (attempt.done()) {
      co_return co_await attempt;
    }
    attempt.cancel(); // too slow, try the next replica
  }
  co_return std::nullopt;
}

aio::task<> run() {
  auto answer = co_await lookup({{"eu-1", 2s}, {"eu-2", 5s}, {"us-1", 40ms}});
  std::printf("%s\n", answer.value_or("no answer").c_str());
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
