// A dashboard task reads each widget through a nested coroutine that falls back
// to a placeholder on any failure; it also swallows the dashboard's
// cancellation, so the cancelled dashboard renders to the end.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

aio::task<std::string> query_widget(std::string name) {
  co_await aio::sleep(name == "latency" ? 1min : 100ms);
  co_return name + ": 42";
}

aio::task<std::string> widget_or_placeholder(std::string name) {
  try {
    co_return co_await query_widget(name);
  } catch (...) {
    co_return name + ": n/a";
  }
}

aio::task<std::size_t> render_dashboard(std::vector<std::string> widgets) {
  std::string page;
  for (const auto &name : widgets) {
    page += co_await widget_or_placeholder(name) + "\n";
  }
  co_return page.size();
}

aio::task<> run() {
  auto dashboard =
      aio::create_task(render_dashboard({"qps", "latency", "errors"}));
  co_await aio::sleep(5s);
  dashboard.cancel(); // the user closed the page
  std::printf("rendered %zu bytes\n", co_await dashboard);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
