// An HTTP handler maps every exception to a 500 response; the cancellation
// sent by the server's request deadline becomes a normal 500 reply written
// after the deadline.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

using namespace std::chrono_literals;

struct response {
  int status = 200;
  std::string body;
};

aio::task<std::string> render_invoice(int id) {
  co_await aio::sleep(id * 1s); // large invoices take long
  co_return "invoice " + std::to_string(id);
}

aio::task<response> get_invoice(int id) {
  try {
    co_return response{200, co_await render_invoice(id)};
  } catch (const std::exception &e) {
    co_return response{500, e.what()};
  }
}

aio::task<> serve(int id) {
  try {
    response r = co_await aio::wait_for(get_invoice(id), 5s);
    std::printf("%d %s\n", r.status, r.body.c_str());
  } catch (const aio::timeout_error &) {
    std::puts("504 gateway timeout");
  }
}

aio::task<> run() {
  co_await serve(2);
  co_await serve(30);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
