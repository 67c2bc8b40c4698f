// An order handler appends to a journal object whose append() method writes each entry straight to a regular file with write(), so each order blocks the loop on the disk.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <fcntl.h>
#include <unistd.h>

using namespace std::chrono_literals;

class journal {
public:
  explicit journal(const std::string &path) : fd_(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600)) {}
  ~journal() { ::close(fd_); }

  void append(const std::string &entry) {
    std::string line = entry + "\n";
    ::write(fd_, line.data(), line.size());
  }

private:
  int fd_;
};

aio::task<> handle_order(journal &log, int order_id) {
  co_await aio::sleep(2ms); // validate the order
  log.append("order " + std::to_string(order_id) + " accepted");
}

int main() {
  const auto path = std::filesystem::temp_directory_path() / "aio-interprocedural-journal.log";
  journal log(path.string());
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(handle_order(log, 17));
  std::printf("order journaled\n");
  std::filesystem::remove(path);
}
