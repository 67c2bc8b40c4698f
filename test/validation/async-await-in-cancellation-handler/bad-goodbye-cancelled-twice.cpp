// A session sends a three-part goodbye, each part acknowledged slowly by the peer, after its group is cancelled; the supervisor cancels the group a second time and the goodbye is cut off half-way.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

struct peer {
  int parts_sent = 0;

  aio::task<> send_goodbye() {
    for (int part = 0; part < 3; ++part) {
      co_await aio::sleep(2s); // one write per part, acknowledged slowly
      ++parts_sent;
    }
  }
};

aio::task<> session(peer &p) {
  bool cancelled = false;
  try {
    co_await aio::sleep(1h); // serve requests
  } catch (const aio::cancelled_error &) {
    cancelled = true;
  }
  if (cancelled) {
    co_await p.send_goodbye();
    throw aio::cancelled_error{};
  }
}

aio::task<> supervise(peer &p) {
  aio::task_group group;
  group.spawn(session(p));
  co_await aio::sleep(100ms);
  group.cancel(); // shutdown requested
  co_await aio::sleep(3s);
  group.cancel(); // the signal arrives again
  co_await group.join();
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  peer p;
  try {
    loop.run_until_complete(supervise(p));
  } catch (const aio::cancelled_error &) {
  }
  std::printf("goodbye parts sent: %d of 3\n", p.parts_sent);
}
