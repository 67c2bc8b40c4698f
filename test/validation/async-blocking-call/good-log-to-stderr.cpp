// An order handler logs each step with std::fprintf to stderr and std::printf,
// which the loop tolerates; only files and sockets opened by the handler would
// block.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

using namespace std::chrono_literals;

struct order {
  int id;
  std::string item;
};

aio::task<bool> reserve_stock(const order &o) {
  co_await aio::sleep(15ms);
  co_return o.item != "unobtainium";
}

aio::task<> handle_order(order o) {
  std::fprintf(stderr, "order %d: reserving %s\n", o.id, o.item.c_str());
  bool reserved = co_await reserve_stock(o);
  if (!reserved) {
    std::fprintf(stderr, "order %d: out of stock\n", o.id);
    co_return;
  }
  std::printf("order %d confirmed\n", o.id);
}

aio::task<> handle_all() {
  co_await handle_order({1, "widget"});
  co_await handle_order({2, "unobtainium"});
}

int main() {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(handle_all());
}
