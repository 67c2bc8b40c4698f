// A generic "stop and collect" function cancels a job and awaits its partial
// result with no bound; the crawler job it is used with ignores cancellation.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

template <class Result>
aio::task<Result> stop_and_collect(aio::task_handle<Result> &job) {
  job.cancel();
  co_return co_await job;
}

aio::task<std::vector<std::string>> crawl(std::vector<std::string> urls) {
  std::vector<std::string> pages;
  for (const auto &url : urls) {
    try {
      co_await aio::sleep(2s); // fetch the page
      pages.push_back(url);
    } catch (const aio::cancelled_error &) {
      // A half-crawled site is useless: finish the list.
    }
  }
  co_return pages;
}

aio::task<> run() {
  auto crawler = aio::create_task(crawl({"/", "/docs", "/blog", "/about"}));
  co_await aio::sleep(3s);
  auto pages = co_await stop_and_collect(crawler);
  std::printf("collected %zu pages\n", pages.size());
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
