// A page handler prefetches recommendations; if they are ready when the page
// is rendered it takes the result, otherwise it cancels the prefetch and
// waits for it to stop.
#include "aio/aio.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

aio::task<std::vector<std::string>> fetch_recommendations(int latency_ms) {
  co_await aio::sleep(std::chrono::milliseconds(latency_ms));
  co_return std::vector<std::string>{"book", "lamp"};
}

aio::task<std::string> render_page(int latency_ms) {
  auto prefetch = aio::create_task(fetch_recommendations(latency_ms));
  co_await aio::sleep(20ms); // render the rest of the page
  std::string page = "<h1>shop</h1>";
  if (prefetch.done()) {
    for (const auto &item : prefetch.result()) {
      page += "<li>" + item + "</li>";
    }
  } else {
    prefetch.cancel();
    try {
      co_await aio::wait_for(std::move(prefetch), 1s);
    } catch (const aio::cancelled_error &) {
    }
  }
  co_return page;
}

aio::task<> serve() {
  co_await render_page(5);
  co_await render_page(500);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(serve());
}
