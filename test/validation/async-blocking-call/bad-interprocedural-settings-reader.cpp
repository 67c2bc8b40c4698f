// A request handler reloads its settings through a plain helper that reads the open settings file with pread(), so every request blocks the loop on disk I/O.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <fcntl.h>
#include <unistd.h>

using namespace std::chrono_literals;

std::string settings_path() {
  return (std::filesystem::temp_directory_path() / "aio-interprocedural-settings.conf").string();
}

std::string load_settings(int fd) {
  char buffer[256];
  ssize_t n = ::pread(fd, buffer, sizeof buffer, 0);
  std::string text(buffer, n > 0 ? std::size_t(n) : 0);
  return text.substr(0, text.find('\n'));
}

aio::task<std::size_t> handle_request(int fd) {
  co_await aio::sleep(5ms); // parse the request
  std::string settings = load_settings(fd);
  co_return settings.size();
}

int main() {
  const std::string path = settings_path();
  std::ofstream(path) << "max_connections=64\n";
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  int fd = ::open(path.c_str(), O_RDONLY);
  std::size_t size = loop.run_until_complete(handle_request(fd));
  std::printf("settings: %zu bytes\n", size);
  ::close(fd);
  std::filesystem::remove(path);
}
