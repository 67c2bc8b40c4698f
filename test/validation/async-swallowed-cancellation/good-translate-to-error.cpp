// A storage client turns every failure of a request, cancellation included,
// into its own error type with context, so the cancelled request still fails.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;

struct storage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

aio::task<std::string> get_object(std::string key) {
  co_await aio::sleep(key.size() * 1s);
  co_return "contents of " + key;
}

aio::task<std::string> read_object(std::string key) {
  try {
    co_return co_await get_object(key);
  } catch (...) {
    throw storage_error("read of '" + key + "' did not complete");
  }
}

aio::task<> run() {
  try {
    auto body = co_await aio::wait_for(read_object("reports/2024.csv"), 5s);
    std::printf("%s\n", body.c_str());
  } catch (const storage_error &e) {
    std::printf("storage: %s\n", e.what());
  }
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
