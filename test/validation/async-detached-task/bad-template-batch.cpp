// A generic batch runner starts one task per job and drops every handle; the
// failing job's exception is never retrieved.
#include "aio/aio.hpp"

#include <chrono>
#include <memory>
#include <stdexcept>
#include <vector>

using namespace std::chrono_literals;

template <class Job>
aio::task<> run_batch(std::vector<Job> jobs) {
  for (Job &job : jobs) {
    aio::create_task(job());
  }
  co_await aio::sleep(1s); // "long enough" for every job to finish
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
