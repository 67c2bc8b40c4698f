// The same handler, with a writer that takes the audit line by value: the background task's frame owns a copy, which lives as long as the writer.
#include "aio/aio.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

using namespace std::chrono_literals;

std::size_t audit_words = 0;

aio::task<> write_audit(std::string line) {
  co_await aio::sleep(2ms); // the audit log is flushed in batches
  audit_words += std::count(line.begin(), line.end(), ' ') + 1;
}

aio::task<int> handle_login(aio::task_group &background, int user) {
  std::string line = "login accepted for user " + std::to_string(user) +
                     " from the office network";
  background.spawn(write_audit(line));
  co_return 200;
}

aio::task<> serve() {
  aio::task_group background; // work that outlives a request
  int status = co_await handle_login(background, 42);
  co_await background.join();
  std::printf("status %d, %zu audit words\n", status, audit_words);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(serve());
}
