// A server reads each client's request with no timeout; a client that connects and sends nothing (a slow-loris) holds the handler, and the server's shutdown waits with it, for an hour.
#include <aio/aio.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

aio::task<> handle_client(aio::tcp_stream conn) {
  std::array<std::byte, 256> request;
  std::size_t n = co_await conn.read(request); // a silent client keeps the handler here
  std::fprintf(stderr, "request of %zu bytes\n", n);
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
