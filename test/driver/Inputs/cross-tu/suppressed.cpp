// Calls into other files that block, each suppressed where it is made.
#include "config.h"
#include "demo_task.h"
#include "io.h"

demo::task<int> suppressed_handler() {
  std::string settings = load_settings(); // NOLINT(async-blocking-call)
  // NOLINTNEXTLINE(async-blocking-call)
  std::string motd = read_file("/etc/motd");
  int port = next_port(80); // NOLINT(async-blocking-call): stale, it is clean
  co_return int(settings.size() + motd.size()) + port;
}
