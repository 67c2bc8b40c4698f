// A generic exporter, instantiated for two sinks, awaits each write of the
// sink; a default-constructed task slot holds no work.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct file_sink {
  std::vector<std::string> lines;
  aio::task<> write(std::string line) {
    co_await aio::sleep(1ms);
    lines.push_back(std::move(line));
  }
};

struct http_sink {
  int posted = 0;
  aio::task<> write(std::string) {
    co_await aio::sleep(8ms);
    ++posted;
  }
};

template <class Sink>
aio::task<int> export_metrics(Sink &sink, const std::vector<int> &values) {
  int exported = 0;
  aio::task<> previous; // empty: nothing to await yet
  for (int value : values) {
    co_await sink.write("value " + std::to_string(value));
    ++exported;
  }
  co_return exported + (previous.valid() ? 1 : 0);
}

aio::task<> export_all(file_sink &file, http_sink &http) {
  std::vector<int> values{1, 2};
  int a = co_await export_metrics(file, values);
  int b = co_await export_metrics(http, values);
  std::printf("exported %d + %d\n", a, b);
}

int main() {
  file_sink file;
  http_sink http;
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(export_all(file, http));
}
