// A page handler prefetches recommendations but awaits them only for logged-in
// users; for guests the handle is dropped and the prefetch's failure is lost.
#include "aio/aio.hpp"

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

aio::task<std::vector<std::string>> fetch_recommendations(std::string user) {
  co_await aio::sleep(15ms);
  if (user.empty()) {
    throw std::runtime_error("recommendations need a user id");
  }
  co_return std::vector<std::string>{"book", "lamp"};
}

aio::task<std::string> render_page(std::string user) {
  auto recommendations = aio::create_task(fetch_recommendations(user));
  std::string page = "<h1>shop</h1>";
  if (!user.empty()) {
    for (const auto &item : co_await recommendations) {
      page += "<li>" + item + "</li>";
    }
  }
  co_await aio::sleep(20ms);
  co_return page;
}

aio::task<> serve() {
  co_await render_page("ada");
  co_await render_page(""); // a guest
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(serve());
}
