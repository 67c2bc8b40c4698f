// A request handler reloads its settings through a helper defined in settings.cpp, which reads the open settings file with pread(); this file sees only the helper's declaration, yet every request blocks the loop on disk I/O.
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

// settings.cpp
std::string read_first_setting(int fd);

aio::task<std::size_t> handle_request(int fd) {
  co_await aio::sleep(5ms); // parse the request
  std::string setting = read_first_setting(fd);
  co_return setting.size();
}

int main() {
  const auto path = std::filesystem::temp_directory_path() / "aio-cross-file-settings.conf";
  std::ofstream(path) << "max_connections=64\n";
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  int fd = ::open(path.c_str(), O_RDONLY);
  std::size_t size = loop.run_until_complete(handle_request(fd));
  std::printf("setting: %zu bytes\n", size);
  ::close(fd);
  std::filesystem::remove(path);
}
