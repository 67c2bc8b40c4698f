// A notifier lambda detaches one push per subscriber; pushes to slow devices
// are still pending, with no owner, when the loop shuts down.
#include "aio/aio.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct subscriber {
  std::string device;
  std::chrono::milliseconds latency{};
};

aio::task<> send_push(subscriber s, std::string text) {
  co_await aio::sleep(s.latency);
}

aio::task<> publish(std::vector<subscriber> subscribers) {
  auto notify = [](const subscriber &s, const std::string &text) {
    aio::spawn_detached(send_push(s, text));
  };
  for (const subscriber &s : subscribers) {
    notify(s, "price changed");
  }
  co_await aio::sleep(500ms);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(
      publish({{"phone", 100ms}, {"watch", 30s}, {"tablet", 2min}}));
}
