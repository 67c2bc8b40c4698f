// A plain helper called from a payment coroutine casts the audit-log task to
// void to silence [[nodiscard]], so the audit record is never written.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct audit_log {
  std::vector<std::string> records;

  aio::task<> write(std::string record) {
    co_await aio::sleep(1ms); // append to the journal
    records.push_back(std::move(record));
  }
};

void record_payment(audit_log &log, int cents) {
  (void)log.write("payment of " + std::to_string(cents) + " cents");
}

aio::task<> charge(audit_log &log, int cents) {
  co_await aio::sleep(20ms); // the payment provider
  record_payment(log, cents);
  std::printf("charged %d cents, %zu audit records\n", cents,
              log.records.size());
}

int main() {
  audit_log log;
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(charge(log, 1250));
}
