// A generic "stop and collect" function cancels a job and waits for its partial
// result with a deadline, falling back to an empty result.
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
  try {
    co_return co_await aio::wait_for(std::move(job), 10s);
  } catch (const aio::cancelled_error &) {
  } catch (const aio::timeout_error &) {
  }
  co_return Result{};
}

aio::task<std::vector<std::string>> crawl(std::vector<std::string> urls) {
  std::vector<std::string> pages;
  for (const auto &url : urls) {
    co_await aio::sleep(2s);
    pages.push_back(url);
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
