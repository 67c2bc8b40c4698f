#include <gtest/gtest.h>

// [example]
#include "aio/aio.hpp"

#include <memory>
#include <vector>

using namespace std::chrono_literals;

aio::task<int> answer() { co_return 42; }

aio::task<> buggy() {
  auto forgotten = answer(); // never awaited: reported in debug mode
  co_await aio::sleep(1s);
}

std::vector<aio::debug_report> run_in_debug_mode() {
  std::vector<aio::debug_report> reports;
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>(); // tests jump time
  options.debug = true;
  options.slow_step = 50ms; // real time, even on the manual clock
  // Without a sink, each report is one line on stderr:
  // aio-debug: never-awaited: /src/app.cpp:12:20: task was destroyed ...
  options.on_debug_report = [&](const aio::debug_report &r) {
    reports.push_back(r);
  };
  aio::event_loop loop(options);
  loop.run_until_complete(buggy());
  return reports;
}
// [/example]

TEST(DocExamples, DebugMode) {
  auto reports = run_in_debug_mode();
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_EQ(reports[0].kind, aio::report_kind::never_awaited);
}
