// A session sends a three-part goodbye after its group is cancelled; the goodbye is shielded and bounded, so a second cancellation does not cut it off.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

struct peer {
  int parts_sent = 0;

  aio::task<> send_goodbye() {
    for (int part = 0; part < 3; ++part) {
      co_await aio::sleep(10ms); // one write per part
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
    co_await aio::shield(aio::wait_for(p.send_goodbye(), 1s));
    throw aio::cancelled_error{};
  }
}

aio::task<> supervise(peer &p) {
  aio::task_group group;
  group.spawn(session(p));
  co_await aio::sleep(100ms);
  group.cancel(); // shutdown requested
  co_await aio::sleep(15ms);
  group.cancel(); // the signal arrives again
  co_await group.join();
  co_await aio::sleep(50ms); // the shielded goodbye finishes on its own
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
