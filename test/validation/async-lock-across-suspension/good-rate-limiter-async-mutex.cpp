// The rate limiter guards its bucket with an aio::mutex, whose waiters suspend instead of blocking, so holding it across the refill sleep is safe even with two callers.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

class rate_limiter {
public:
  aio::task<> acquire() {
    auto guard = co_await mutex_.scoped_lock();
    if (tokens_ == 0) {
      co_await aio::sleep(10ms); // wait for the bucket to refill
      tokens_ = 3;
    }
    --tokens_;
  }

private:
  aio::mutex mutex_;
  int tokens_ = 0;
};

aio::task<int> send_burst(rate_limiter &limiter) {
  int sent = 0;
  for (int i = 0; i < 3; ++i) {
    co_await limiter.acquire();
    ++sent;
  }
  co_return sent;
}

int main() {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  rate_limiter limiter;
  auto two_callers = [&]() -> aio::task<int> {
    auto [a, b] = co_await aio::gather(send_burst(limiter), send_burst(limiter));
    co_return a + b;
  };
  std::printf("sent %d\n", loop.run_until_complete(two_callers()));
}
