#include "config.h"
#include "demo_task.h"
#include "io.h"
#include "legacy.h"
#include "util.h"

demo::task<int> handler() {
  std::string settings = load_settings();
  std::string motd = read_file("/etc/motd");
  tick();
  nap();
  legacy_flush();
  int port = next_port(8080);
  co_return port + int(settings.size() + motd.size());
}

// Not reported: a runtime's own function (judged by its profile), and a call
// that a macro writes (the macro's business, as a test framework's CHECK).
#define LOAD_SETTINGS() load_settings()
demo::task<int> quiet_handler() {
  coro::wake();
  std::string settings = LOAD_SETTINGS();
  co_return int(settings.size());
}
