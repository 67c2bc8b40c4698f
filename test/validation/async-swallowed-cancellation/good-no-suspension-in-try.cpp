// A config watcher parses each new version inside a try block that contains no
// suspension point, so its catch-all can only see parse errors; the reload
// waits happen outside it.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;

int parse_port(const std::string &text) {
  std::size_t used = 0;
  int port = std::stoi(text, &used);
  if (used != text.size() || port <= 0 || port > 65535) {
    throw std::out_of_range("port out of range: " + text);
  }
  return port;
}

aio::task<> watch_config(aio::queue<std::string> &versions, int &port) {
  for (;;) {
    std::string text = co_await versions.pop();
    try {
      port = parse_port(text);
    } catch (...) {
      std::printf("ignoring bad config '%s'\n", text.c_str());
    }
  }
}

aio::task<> run() {
  aio::queue<std::string> versions(4);
  int port = 80;
  aio::task_group group;
  group.spawn(watch_config(versions, port));
  co_await versions.push("8080");
  co_await versions.push("eighty");
  co_await aio::sleep(1s);
  group.cancel();
  co_await group.join();
  std::printf("port %d\n", port);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
