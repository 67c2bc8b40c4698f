// A rate limiter locks its std::mutex by hand and sleeps on the loop's timer before unlocking, so the mutex is locked while the task is suspended and a second caller would block the loop thread for good.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>

using namespace std::chrono_literals;

class rate_limiter {
public:
  aio::task<> acquire() {
    mutex_.lock();
    if (tokens_ == 0) {
      co_await aio::sleep(10ms); // wait for the bucket to refill
      tokens_ = 3;
    }
    --tokens_;
    mutex_.unlock();
  }

private:
  std::mutex mutex_;
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
  std::printf("sent %d\n", loop.run_until_complete(send_burst(limiter)));
}
