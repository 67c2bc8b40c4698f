// A thumbnailer takes one of six permits before it spawns each resize, and the resize gives it back when done, so at most six resizes exist at once whatever the number of images.
#include <aio/aio.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct stats {
  int in_flight = 0;
  int peak = 0;
};

aio::task<> resize(std::string image, aio::semaphore &permits, stats &s) {
  s.peak = std::max(s.peak, ++s.in_flight);
  co_await aio::sleep(std::chrono::milliseconds(image.size() % 4 + 2));
  --s.in_flight;
  permits.release();
}

aio::task<> make_thumbnails(std::vector<std::string> images, stats &s) {
  aio::semaphore permits(6);
  aio::task_group group;
  for (std::string &image : images) {
    co_await permits.acquire(); // admit a resize only when one has ended
    group.spawn(resize(std::move(image), permits, s));
  }
  co_await group.join();
}

int main() {
  // More than 100 tasks in flight from one place is more than the backends
  // are sized for.
  aio::event_loop loop(
      aio::loop_options{.clock = std::make_shared<aio::manual_clock>(),
                        .debug = true,
                        .max_tasks_per_call_site = 100});
  std::vector<std::string> images;
  for (int i = 0; i < 800; ++i)
    images.push_back("upload-" + std::to_string(i) + ".png");
  stats s;
  loop.run_until_complete(make_thumbnails(std::move(images), s));
  std::fprintf(stderr, "peak %d resizes at once\n", s.peak);
}
