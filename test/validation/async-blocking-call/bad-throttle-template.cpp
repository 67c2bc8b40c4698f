// A generic rate limiter, instantiated for two kinds of jobs, spaces jobs out
// with usleep(), which blocks the loop on every job.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

using namespace std::chrono_literals;

template <class Job>
aio::task<int> run_throttled(std::vector<Job> jobs, useconds_t gap) {
  int done = 0;
  for (const Job &job : jobs) {
    if (done > 0) {
      ::usleep(gap);
    }
    co_await aio::yield();
    done += job.cost;
  }
  co_return done;
}

struct email {
  std::string to;
  int cost = 1;
};
struct report {
  int pages = 3;
  int cost = 5;
};

aio::task<> nightly() {
  int mails = co_await run_throttled(std::vector<email>{{"a@x"}, {"b@x"}}, 100);
  int reports = co_await run_throttled(std::vector<report>(2), 100);
  std::printf("cost %d + %d\n", mails, reports);
}

int main() {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(nightly());
}
