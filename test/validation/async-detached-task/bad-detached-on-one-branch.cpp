// A report endpoint renders small reports inline but detaches large ones; the
// detached rendering is still running when the service stops.
#include "aio/aio.hpp"

#include <chrono>
#include <memory>
#include <string>

using namespace std::chrono_literals;

struct report_request {
  std::string name;
  int rows = 0;
};

aio::task<> render(report_request r) {
  co_await aio::sleep(r.rows * 1ms);
}

aio::task<std::string> handle(report_request r) {
  if (r.rows > 10'000) {
    aio::spawn_detached(render(r));
    co_return "accepted";
  }
  co_await render(r);
  co_return "done";
}

aio::task<int> serve() {
  int accepted = 0;
  for (const report_request &r :
       {report_request{"daily", 500}, report_request{"yearly", 2'000'000}}) {
    accepted += (co_await handle(r)) == "accepted" ? 1 : 0;
  }
  co_await aio::sleep(1s);
  co_return accepted;
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(serve());
}
