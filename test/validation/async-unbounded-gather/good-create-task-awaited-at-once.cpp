// A billing run charges every account of a list one after the other: each charge runs as its own task, so that a cancellation of the run reaches it, but is awaited where it is started, so one runs at a time.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <numeric>
#include <vector>

using namespace std::chrono_literals;

aio::task<long> charge(int account) {
  co_await aio::sleep(3ms); // the payment provider answers
  co_return account % 13 + 1;
}

aio::task<long> billing_run(std::vector<int> accounts) {
  long cents = 0;
  for (int account : accounts)
    cents += co_await aio::create_task(charge(account));
  co_return cents;
}

int main() {
  // More than 100 tasks in flight from one place is more than the backends
  // are sized for.
  aio::event_loop loop(
      aio::loop_options{.clock = std::make_shared<aio::manual_clock>(),
                        .debug = true,
                        .max_tasks_per_call_site = 100});
  std::vector<int> accounts(500);
  std::iota(accounts.begin(), accounts.end(), 1000);
  long cents = loop.run_until_complete(billing_run(std::move(accounts)));
  std::fprintf(stderr, "charged %ld cents\n", cents);
}
