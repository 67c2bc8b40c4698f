// A report job that overruns its budget is cancelled and the handler returns
// a cached report at once; the job is awaited only when it was not cancelled.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

using namespace std::chrono_literals;

aio::task<std::string> build_report(aio::duration cost) {
  co_await aio::sleep(cost);
  co_return "fresh report";
}

aio::task<std::string> nightly(aio::duration cost, aio::duration budget) {
  auto report = aio::create_task(build_report(cost));
  co_await aio::sleep(budget);
  if (!report.done()) {
    report.cancel();
    co_return "cached report";
  }
  co_return co_await report;
}

aio::task<> run() {
  std::printf("%s\n", (co_await nightly(1s, 5s)).c_str());
  std::printf("%s\n", (co_await nightly(1min, 5s)).c_str());
  co_await aio::sleep(1s); // the cancelled job has ended by now
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
