// A sensor service on the aio runtime: it reads a configuration file, samples
// a sensor on a timer and appends readings to a log. Two of its coroutines
// block the event loop; the others show the asynchronous way.
//
//   async-lint -p build examples/sensor_service.cpp

#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

using namespace std::chrono_literals;

namespace {

int sample_sensor() {
  static int reading = 20;
  return reading++;
}

// Bug: the file is read on the event loop thread; every other task waits.
aio::task<std::string> load_settings(std::string path) {
  std::ifstream in(path);
  std::string settings;
  std::getline(in, settings);
  co_return settings;
}

// Fixed: the blocking read runs on the runtime's thread pool.
aio::task<std::string> load_settings_off_loop(std::string path) {
  co_return co_await aio::to_thread([path] {
    std::ifstream in(path);
    std::string settings;
    std::getline(in, settings);
    return settings;
  });
}

// Bug: sleeping stalls the loop between samples.
aio::task<int> sample_slowly(int samples) {
  int total = 0;
  for (int i = 0; i < samples; ++i) {
    total += sample_sensor();
    std::this_thread::sleep_for(10ms);
  }
  co_return total;
}

// Fixed: awaiting the runtime's timer lets other tasks run meanwhile.
aio::task<int> sample_politely(int samples) {
  int total = 0;
  for (int i = 0; i < samples; ++i) {
    total += sample_sensor();
    co_await aio::sleep(10ms);
  }
  co_return total;
}

aio::task<int> service() {
  std::string settings = co_await load_settings("/dev/null");
  settings += co_await load_settings_off_loop("/dev/null");
  int total = co_await sample_slowly(3);
  total += co_await sample_politely(3);
  co_return total + static_cast<int>(settings.size());
}

} // namespace

int main() {
  int total = aio::run(service());
  std::printf("sum of readings: %d\n", total);
  return total > 0 ? 0 : 1;
}
