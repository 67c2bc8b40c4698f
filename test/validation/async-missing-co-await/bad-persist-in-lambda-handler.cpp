// An order router's coroutine lambda handler calls persist() without co_await,
// so accepted orders are never stored.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>

using namespace std::chrono_literals;

struct order_store {
  std::map<int, std::string> rows;
  aio::task<> persist(int id, std::string item) {
    co_await aio::sleep(4ms); // INSERT INTO orders ...
    rows[id] = std::move(item);
  }
};

using handler = std::function<aio::task<int>(int, std::string)>;

aio::task<> route(const handler &on_order) {
  int status = co_await on_order(7, "keyboard");
  std::printf("order 7: status %d\n", status);
}

int main() {
  order_store store;
  handler on_order = [&store](int id, std::string item) -> aio::task<int> {
    if (item.empty()) {
      co_return 400;
    }
    store.persist(id, item);
    co_return 201;
  };
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(route(on_order));
  std::printf("%zu orders stored\n", store.rows.size());
}
