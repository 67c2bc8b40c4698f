// A queue consumer's message handler, a coroutine lambda, persists each
// message with create_task and drops the handle; a failed write is lost.
#include "aio/aio.hpp"

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;

struct message {
  int offset = 0;
  std::string body;
};

aio::task<> persist(message m) {
  co_await aio::sleep(20ms);
  if (m.body.size() > 8) {
    throw std::length_error("message larger than the storage page");
  }
}

aio::task<> consume(aio::queue<message> &inbox, int count) {
  int acked = 0;
  auto on_message = [&acked](message m) -> aio::task<> {
    aio::create_task(persist(m));
    co_await aio::sleep(1ms); // acknowledge to the broker
    ++acked;
  };
  for (int i = 0; i < count; ++i) {
    co_await on_message(co_await inbox.pop());
  }
  co_await aio::sleep(1s);
}

aio::task<> run() {
  aio::queue<message> inbox(4);
  co_await inbox.push({1, "hello"});
  co_await inbox.push({2, "a rather long message"});
  co_await consume(inbox, 2);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
