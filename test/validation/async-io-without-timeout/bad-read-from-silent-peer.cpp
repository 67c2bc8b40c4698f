// A client reads a greeting from a server that accepts and then says nothing; the read has no timeout, so the client stalls until the server's idle policy closes the socket an hour later.
#include <aio/aio.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

// Accepts one client, never writes, and drops idle connections after an hour.
aio::task<> silent_server(aio::tcp_listener &listener) {
  aio::tcp_stream conn = co_await listener.accept();
  co_await aio::sleep(1h);
  conn.close();
}

// doc:begin A read with no bound
aio::task<std::size_t> read_greeting(std::uint16_t port) {
  aio::tcp_stream s = co_await aio::wait_for(aio::tcp_stream::connect("127.0.0.1", port), 5s);
  std::array<std::byte, 64> greeting;
  co_return co_await s.read(greeting); // no timeout: waits as long as the peer is silent
}
// doc:end

aio::task<> scenario() {
  aio::event_loop &loop = *aio::event_loop::current();
  auto listener = aio::tcp_listener::bind("127.0.0.1");
  aio::task_group group;
  group.spawn(silent_server(listener));
  const aio::time_point start = loop.now();
  std::size_t n = co_await read_greeting(listener.port());
  auto waited = std::chrono::duration_cast<std::chrono::seconds>(loop.now() - start);
  std::fprintf(stderr, "read returned %zu bytes after %lld s of loop time\n", n,
               static_cast<long long>(waited.count()));
  co_await group.join();
}

int main() {
  aio::event_loop loop(aio::loop_options{
      .clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(scenario());
}
