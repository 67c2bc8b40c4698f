// A crawler runs its fetchers as coroutine lambdas in a task group and cancels
// the group when its time budget runs out, but the fetchers' catch-all handler
// records the page as failed and finishes normally.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

aio::task<std::string> fetch_page(std::string url) {
  co_await aio::sleep(url.size() * 100ms);
  co_return "<html>" + url + "</html>";
}

aio::task<> crawl(std::vector<std::string> urls, aio::duration budget) {
  std::vector<std::string> failed;
  aio::task_group fetchers;
  for (const auto &url : urls) {
    fetchers.spawn([](std::string url,
                      std::vector<std::string> &failed) -> aio::task<> {
      try {
        auto page = co_await fetch_page(url);
        std::printf("fetched %zu bytes\n", page.size());
      } catch (...) {
        failed.push_back(url); // retried by the next crawl
      }
    }(url, failed));
  }
  co_await aio::sleep(budget);
  fetchers.cancel();
  co_await fetchers.join();
  std::printf("%zu pages to retry\n", failed.size());
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(crawl({"/", "/about", "/a/very/long/path"}, 1s));
}
