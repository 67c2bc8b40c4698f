// A crawler feeds 1000 URLs into a queue drained by a fixed pool of eight workers, so at most eight fetches run at once whatever the number of URLs.
#include <aio/aio.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct stats {
  int in_flight = 0;
  int peak = 0;
  int fetched = 0;
};

aio::task<> fetch(stats &s, const std::string &url) {
  s.peak = std::max(s.peak, ++s.in_flight);
  co_await aio::sleep(std::chrono::milliseconds(url.size() % 5 + 1));
  --s.in_flight;
  ++s.fetched;
}

aio::task<> worker(aio::queue<std::optional<std::string>> &urls, stats &s) {
  while (std::optional<std::string> url = co_await urls.pop())
    co_await fetch(s, *url);
}

aio::task<> crawl(std::vector<std::string> seeds, stats &s) {
  constexpr int workers = 8;
  aio::queue<std::optional<std::string>> urls(32);
  aio::task_group group;
  for (int i = 0; i < workers; ++i)
    group.spawn(worker(urls, s));
  for (std::string &url : seeds)
    co_await urls.push(std::move(url));
  for (int i = 0; i < workers; ++i)
    co_await urls.push(std::nullopt);
  co_await group.join();
}

int main() {
  // More than 100 tasks in flight from one place is more than the backends
  // are sized for.
  aio::event_loop loop(
      aio::loop_options{.clock = std::make_shared<aio::manual_clock>(),
                        .debug = true,
                        .max_tasks_per_call_site = 100});
  std::vector<std::string> seeds;
  for (int i = 0; i < 1000; ++i)
    seeds.push_back("https://example.org/page/" + std::to_string(i));
  stats s;
  loop.run_until_complete(crawl(std::move(seeds), s));
  std::fprintf(stderr, "fetched %d pages, peak %d at once\n", s.fetched,
               s.peak);
}
