// The same outbox, with a send task that takes the payload by value: each queued task owns its message until it has been sent.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

aio::task<std::size_t> relay(std::string payload) {
  co_await aio::sleep(3ms);                                // the mail relay accepts the message
  co_return payload.size() - payload.find("\r\n\r\n") - 4; // body bytes
}

class outbox {
public:
  void enqueue(std::string recipient, std::string body) {
    std::string payload = "To: " + recipient + "\r\n\r\n" + body;
    pending_.push_back(relay(std::move(payload)));
  }

  aio::task<std::size_t> flush() {
    std::size_t sent = 0;
    for (auto &message : pending_)
      sent += co_await std::move(message);
    pending_.clear();
    co_return sent;
  }

private:
  std::vector<aio::task<std::size_t>> pending_;
};

aio::task<> run() {
  outbox mail;
  mail.enqueue("ops@example.org", "the nightly backup finished without errors");
  mail.enqueue("dev@example.org", "the release branch was cut this morning");
  std::printf("sent %zu bytes\n", co_await mail.flush());
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
