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
