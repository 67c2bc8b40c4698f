// The same probes, started by a coroutine that keeps the tally in its frame and joins the group before the tally goes out of scope.
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

aio::task<> run() {
  tally result;
  aio::task_group group;
  group.spawn(probe(8080, &result));
  group.spawn(probe(8081, &result));
  co_await group.join();
  std::printf("%d healthy, %d failed\n", result.healthy, result.failed);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
