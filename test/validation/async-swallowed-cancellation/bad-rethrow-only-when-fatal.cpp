// An uploader rethrows only "fatal" failures and skips the rest; cancellation
// is not fatal by that test, so the cancelled upload skips to the end.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct quota_exceeded : std::runtime_error {
  quota_exceeded() : std::runtime_error("storage quota exceeded") {}
};

aio::task<> upload(const std::string &file) {
  co_await aio::sleep(file.size() * 1s);
}

aio::task<int> upload_all(std::vector<std::string> files) {
  int uploaded = 0;
  for (const auto &file : files) {
    try {
      co_await upload(file);
      ++uploaded;
    } catch (const std::exception &e) {
      if (dynamic_cast<const quota_exceeded *>(&e) != nullptr) {
        throw; // nothing more will fit
      }
      std::printf("skipping %s: %s\n", file.c_str(), e.what());
    }
  }
  co_return uploaded;
}

aio::task<> run() {
  auto uploads = aio::create_task(upload_all({"a.txt", "report.pdf", "b"}));
  co_await aio::sleep(7s);
  uploads.cancel();
  std::printf("%d uploaded\n", co_await aio::wait_for(std::move(uploads), 30s));
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
