// A server reads each client's request under a deadline; a client that connects and sends nothing (a slow-loris) is dropped after ten seconds.
#include <aio/aio.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

aio::task<> handle_client(aio::tcp_stream conn) {
  std::array<std::byte, 256> request;
  try {
    std::size_t n = co_await aio::wait_for(conn.read(request), 10s);
    std::fprintf(stderr, "request of %zu bytes\n", n);
  } catch (const aio::timeout_error &) {
    std::fprintf(stderr, "no request within 10 s; dropping the client\n");
  }
}

// Connects, then says nothing for an hour.
aio::task<> slow_loris(std::uint16_t port) {
  aio::tcp_stream s = co_await aio::wait_for(aio::tcp_stream::connect("127.0.0.1", port), 2s);
  co_await aio::sleep(1h);
}

aio::task<> scenario() {
  auto listener = aio::tcp_listener::bind("127.0.0.1");
  aio::task_group group;
  group.spawn(slow_loris(listener.port()));
  aio::tcp_stream conn = co_await aio::wait_for(listener.accept(), 1s);
  co_await handle_client(std::move(conn));
  co_await group.join();
}

int main() {
  aio::event_loop loop(aio::loop_options{
      .clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(scenario());
}
