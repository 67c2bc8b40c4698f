// A generic batch runner starts one task per job, keeps every handle and
// awaits them all, counting the jobs that failed.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <vector>

using namespace std::chrono_literals;

template <class Job>
aio::task<int> run_batch(std::vector<Job> jobs) {
  std::vector<aio::task_handle<void>> started;
  for (Job &job : jobs) {
    started.push_back(aio::create_task(job()));
  }
  int failed = 0;
  for (auto &h : started) {
    try {
      co_await h;
    } catch (const std::exception &e) {
      std::printf("job failed: %s\n", e.what());
      ++failed;
    }
  }
  co_return failed;
}

struct resize_image {
  int width = 0;
  aio::task<> operator()() const {
    co_await aio::sleep(10ms);
    if (width <= 0) {
      throw std::invalid_argument("width must be positive");
    }
  }
};

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(
      run_batch(std::vector<resize_image>{{640}, {0}, {1280}}));
}
