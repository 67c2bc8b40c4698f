// A request handler reloads its feature flags with POSIX open() and read(), run
// on the loop's thread pool so the loop stays responsive.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include <fcntl.h>
#include <unistd.h>

using namespace std::chrono_literals;

const char *const flags_path = "flags.conf";

// doc:begin the same reads, sent to the thread pool
aio::task<std::string> load_flags() {
  co_return co_await aio::to_thread([] {
    char buffer[256] = {};
    int fd = ::open(flags_path, O_RDONLY);
    if (fd < 0) {
      return std::string();
    }
    ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    return std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
  });
}
// doc:end

aio::task<> handle_request(int id) {
  std::string flags = co_await load_flags();
  co_await aio::sleep(5ms);
  std::printf("request %d served with flags '%s'\n", id, flags.c_str());
}

int main() {
  if (std::FILE *f = std::fopen(flags_path, "w")) {
    std::fputs("dark-mode=on", f);
    std::fclose(f);
  }
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(handle_request(1));
}
