// A worker reads job ids from a queue until it is closed and spawns a task per id into a task group; the producer decides how many run at once, and all 500 are in flight together.
#include <aio/aio.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>

using namespace std::chrono_literals;

struct stats {
  int in_flight = 0;
  int peak = 0;
};

aio::task<> process(stats &s, int id) {
  s.peak = std::max(s.peak, ++s.in_flight);
  co_await aio::sleep(std::chrono::milliseconds(id % 7 + 1));
  --s.in_flight;
}

aio::task<> produce(aio::queue<std::optional<int>> &jobs, int count) {
  for (int id = 0; id < count; ++id)
    co_await jobs.push(id);
  co_await jobs.push(std::nullopt);
}

aio::task<> consume(aio::queue<std::optional<int>> &jobs, stats &s) {
  aio::task_group group;
  while (std::optional<int> id = co_await jobs.pop())
    group.spawn(process(s, *id)); // one task per job, no limit
  co_await group.join();
}

aio::task<> scenario(stats &s) {
  aio::queue<std::optional<int>> jobs(16);
  aio::task_group group;
  group.spawn(produce(jobs, 500));
  group.spawn(consume(jobs, s));
  co_await group.join();
}

int main() {
  // More than 100 tasks in flight from one place is more than the backends
  // are sized for.
  aio::event_loop loop(
      aio::loop_options{.clock = std::make_shared<aio::manual_clock>(),
                        .debug = true,
                        .max_tasks_per_call_site = 100});
  stats s;
  loop.run_until_complete(scenario(s));
  std::fprintf(stderr, "peak concurrent jobs %d\n", s.peak);
}
