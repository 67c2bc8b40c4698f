// A backup job starts one upload per file of a directory listing with create_task and awaits the handles afterwards; the listing decides how many uploads run at once, and all 400 do.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

aio::task<std::size_t> upload(std::string path) {
  co_await aio::sleep(20ms); // the storage service acknowledges the object
  co_return path.size();
}

aio::task<std::size_t> back_up(std::vector<std::string> paths) {
  std::vector<aio::task_handle<std::size_t>> uploads;
  for (const std::string &path : paths)
    uploads.push_back(aio::create_task(upload(path)));
  std::size_t bytes = 0;
  for (auto &pending : uploads)
    bytes += co_await pending;
  co_return bytes;
}

int main() {
  // More than 100 tasks in flight from one place is more than the backends
  // are sized for.
  aio::event_loop loop(
      aio::loop_options{.clock = std::make_shared<aio::manual_clock>(),
                        .debug = true,
                        .max_tasks_per_call_site = 100});
  std::vector<std::string> paths;
  for (int i = 0; i < 400; ++i)
    paths.push_back("photos/2024/img-" + std::to_string(i) + ".jpg");
  std::size_t bytes = loop.run_until_complete(back_up(std::move(paths)));
  std::fprintf(stderr, "uploaded %zu bytes of names\n", bytes);
}
