// An order handler records each order through journal_order() of journal.cpp, which formats the entry and hands it to append_line() of file_io.cpp, which writes it straight to a regular file with write(): two helpers in two other files, and each order blocks the loop on the disk.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>

#include <fcntl.h>
#include <unistd.h>

using namespace std::chrono_literals;

// journal.cpp
void journal_order(int fd, int order_id);

aio::task<> handle_order(int journal_fd, int order_id) {
  co_await aio::sleep(2ms); // validate the order
  journal_order(journal_fd, order_id);
}

int main() {
  const auto path = std::filesystem::temp_directory_path() / "aio-cross-file-journal.log";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(handle_order(fd, 17));
  std::printf("order journaled\n");
  ::close(fd);
  std::filesystem::remove(path);
}
