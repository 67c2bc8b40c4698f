// A job scheduler builds its job coroutines inside a try block that guards
// only their construction; the jobs suspend later, outside the handler, and
// cancellation reaches them.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

aio::task<> schedule(std::vector<std::string> names) {
  aio::task_group jobs;
  for (const auto &name : names) {
    try {
      if (name.empty()) {
        throw std::invalid_argument("a job needs a name");
      }
      auto job = [](std::string job_name) -> aio::task<> {
        co_await aio::sleep(job_name.size() * 1s);
        std::printf("job %s done\n", job_name.c_str());
      };
      jobs.spawn(job(name));
    } catch (...) {
      std::puts("skipping a job that could not be created");
    }
  }
  co_await aio::sleep(3s);
  jobs.cancel();
  co_await jobs.join();
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(schedule({"ab", "", "backup"}));
}
