// A request handler reloads its feature flags with POSIX open() and read() on
// every request, blocking the loop on disk I/O.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include <fcntl.h>
#include <unistd.h>

using namespace std::chrono_literals;

const char *const flags_path = "flags.conf";

// doc:begin reading a file with POSIX calls in a handler
aio::task<std::string> load_flags() {
  char buffer[256] = {};
  int fd = ::open(flags_path, O_RDONLY);
  if (fd < 0) {
    co_return "";
  }
  ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
  ::close(fd);
  co_return std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
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
