// An order handler starts the audit write with create_task and drops the
// handle; the write fails and nobody ever sees the error.
#include "aio/aio.hpp"

#include <chrono>
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

// doc:begin the handle of create_task is dropped at once
aio::task<int> place_order(order o) {
  aio::create_task(write_audit_record(o));
  int reservation = co_await reserve_stock(o);
  co_return reservation;
}
// doc:end

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(place_order(order{.id = 42, .item = ""}));
}
