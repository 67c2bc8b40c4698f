// A chat client's read loop logs its disconnection and rethrows, so the
// server that cancels an idle client sees it end cancelled.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

using namespace std::chrono_literals;

class chat_client {
public:
  explicit chat_client(std::string user) : user_(std::move(user)) {}

  aio::task<> read_loop() {
    for (;;) {
      try {
        std::string line = co_await inbox_.pop();
        ++messages_;
      } catch (const std::exception &e) {
        std::printf("%s disconnected: %s\n", user_.c_str(), e.what());
        throw;
      }
    }
  }

  aio::queue<std::string> &inbox() { return inbox_; }
  int messages() const { return messages_; }

private:
  std::string user_;
  aio::queue<std::string> inbox_{32};
  int messages_ = 0;
};

aio::task<> serve() {
  chat_client ada("ada");
  aio::task_group clients;
  clients.spawn(ada.read_loop());
  co_await ada.inbox().push("hello");
  co_await aio::sleep(5min); // idle
  clients.cancel();
  co_await clients.join();
  std::printf("%d messages\n", ada.messages());
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(serve());
}
