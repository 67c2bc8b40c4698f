// A notifier lambda spawns one push per subscriber into a task group that the
// publisher joins, so slow pushes are waited for and failures are seen.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct subscriber {
  std::string device;
  std::chrono::milliseconds latency{};
};

aio::task<> send_push(subscriber s, std::string text) {
  co_await aio::sleep(s.latency);
  if (s.device.empty()) {
    throw std::runtime_error("subscriber has no device");
  }
}

aio::task<> publish(std::vector<subscriber> subscribers) {
  aio::task_group group;
  auto notify = [&group](const subscriber &s, const std::string &text) {
    group.spawn(send_push(s, text));
  };
  for (const subscriber &s : subscribers) {
    notify(s, "price changed");
  }
  try {
    co_await group.join();
  } catch (const std::runtime_error &e) {
    std::printf("publish failed: %s\n", e.what());
  }
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(publish({{"phone", 100ms}, {"", 30s}}));
}
