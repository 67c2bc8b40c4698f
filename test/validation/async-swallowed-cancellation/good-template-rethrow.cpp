// A generic cache loader returns a default value when the backend fails, but
// rethrows cancellation first, so its deadline is honoured.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

using namespace std::chrono_literals;

template <class T>
struct backend {
  T stored;
  aio::duration latency;
  aio::task<T> get() const {
    co_await aio::sleep(latency);
    co_return stored;
  }
};

template <class T>
aio::task<T> load_or_default(const backend<T> &b, T fallback) {
  try {
    co_return co_await b.get();
  } catch (const aio::cancelled_error &) {
    throw;
  } catch (const std::exception &) {
    co_return fallback;
  }
}

aio::task<> run() {
  backend<int> quota{100, 5s};
  backend<std::string> motd{"welcome", 10ms};
  int limit = 10;
  try {
    limit = co_await aio::wait_for(load_or_default(quota, 10), 1s);
  } catch (const aio::timeout_error &) {
  }
  auto text = co_await aio::wait_for(load_or_default(motd, std::string()), 1s);
  std::printf("limit %d, %s\n", limit, text.c_str());
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
