// A plain helper starts a probe in the caller's task group with a pointer to a tally on its own stack; the helper returns at once, and the probe writes to the tally after its stack frame is gone.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

struct tally {
  int healthy = 0;
  int failed = 0;
};

aio::task<> probe(int port, tally *result) {
  co_await aio::sleep(5ms); // the health endpoint answers
  if (port % 2 == 0)
    ++result->healthy;
  else
    ++result->failed;
}

void start_probes(aio::task_group &group) {
  tally result;
  group.spawn(probe(8080, &result));
  group.spawn(probe(8081, &result));
  std::printf("probes started\n");
}

aio::task<> run() {
  aio::task_group group;
  start_probes(group);
  co_await group.join();
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
