// An order handler starts the audit write concurrently and awaits its handle
// after reserving stock, so the audit's failure reaches the caller.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;

struct order {
  int id = 0;
  std::string item;
};

aio::task<> write_audit_record(order o) {
  co_await aio::sleep(10ms);
  if (o.item.empty()) {
    throw std::runtime_error("audit log rejected an order with no item");
  }
}

aio::task<int> reserve_stock(const order &o) {
  co_await aio::sleep(30ms);
  co_return o.id * 10;
}

// doc:begin the handle is kept and awaited
aio::task<int> place_order(order o) {
  auto audit = aio::create_task(write_audit_record(o));
  int reservation = co_await reserve_stock(o);
  co_await audit; // rethrows the audit's failure here
  co_return reservation;
}
// doc:end

aio::task<> handle(order o) {
  try {
    std::printf("reserved %d\n", co_await place_order(o));
  } catch (const std::runtime_error &e) {
    std::printf("order %d failed: %s\n", o.id, e.what());
  }
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(handle(order{.id = 42, .item = ""}));
}
