// A chat client's read loop ends quietly on any error, cancellation included,
// so the server that cancels an idle client sees it close normally.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

using namespace std::chrono_literals;

class chat_client {
public:
  explicit chat_client(std::string user) : user_(std::move(user)) {}

  aio::task<int> read_loop() {
    for (;;) {
      try {
        std::string line = co_await inbox_.pop();
        ++messages_;
      } catch (const std::exception &e) {
        std::printf("%s disconnected: %s\n", user_.c_str(), e.what());
        co_return messages_;
      }
    }
  }

  aio::queue<std::string> &inbox() { return inbox_; }

private:
  std::string user_;
  aio::queue<std::string> inbox_{32};
  int messages_ = 0;
};

aio::task<> serve() {
  chat_client ada("ada");
  auto reader = aio::create_task(ada.read_loop());
  co_await ada.inbox().push("hello");
  co_await aio::sleep(5min); // idle
  reader.cancel();
  std::printf("%d messages\n", co_await reader);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(serve());
}
