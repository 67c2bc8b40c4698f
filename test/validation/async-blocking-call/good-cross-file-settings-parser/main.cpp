// A request handler receives its settings with the request and counts them through a helper defined in parser.cpp, which only scans the text in memory: the helper in the other file does not block, and the loop never waits.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

using namespace std::chrono_literals;

// parser.cpp
std::size_t count_settings(const std::string &text);

aio::task<std::size_t> handle_request(std::string settings) {
  co_await aio::sleep(5ms); // parse the request
  co_return count_settings(settings);
}

int main() {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  std::size_t count = loop.run_until_complete(handle_request("max_connections=64\nbacklog=128\n"));
  std::printf("settings: %zu\n", count);
}
