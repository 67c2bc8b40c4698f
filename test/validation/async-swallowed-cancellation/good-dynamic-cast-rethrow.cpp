// An uploader skips files that fail and rethrows only cancellation, which it
// recognises with a dynamic_cast, so a cancelled batch stops at once.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

aio::task<> upload(const std::string &file) {
  co_await aio::sleep(file.size() * 1s);
  if (file.ends_with(".tmp")) {
    throw std::invalid_argument("temporary files are not uploaded");
  }
}

aio::task<> upload_all(std::vector<std::string> files) {
  for (const auto &file : files) {
    try {
      co_await upload(file);
    } catch (const std::exception &e) {
      if (dynamic_cast<const aio::cancelled_error *>(&e) != nullptr) {
        throw;
      }
      std::printf("skipping %s: %s\n", file.c_str(), e.what());
    }
  }
}

aio::task<> run() {
  aio::task_group batch;
  batch.spawn(upload_all({"a.tmp", "report.pdf", "b", "archive.tar"}));
  co_await aio::sleep(8s);
  batch.cancel();
  co_await batch.join();
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
