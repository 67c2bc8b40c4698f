// A client bounds its request write with wait_for but awaits the reply with no timeout; the server reads the request and never answers, so the client stalls until the server gives up ten minutes later.
#include <aio/aio.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <memory>
#include <span>
#include <string_view>

using namespace std::chrono_literals;

// Reads one request and then hangs on to the connection without replying.
aio::task<> stuck_server(aio::tcp_listener &listener) {
  aio::tcp_stream conn = co_await aio::wait_for(listener.accept(), 1s);
  std::array<std::byte, 64> request;
  co_await aio::wait_for(conn.read(request), 1s);
  co_await aio::sleep(10min);
}

aio::task<std::size_t> query(aio::tcp_stream &s) {
  constexpr std::string_view request = "STATUS\n";
  co_await aio::wait_for(s.write(std::as_bytes(std::span(request))), 2s);
  std::array<std::byte, 128> reply;
  co_return co_await s.read(reply); // the write is bounded, the reply is not
}

aio::task<> scenario() {
  aio::event_loop &loop = *aio::event_loop::current();
  auto listener = aio::tcp_listener::bind("127.0.0.1");
  aio::task_group group;
  group.spawn(stuck_server(listener));
  aio::tcp_stream s = co_await aio::wait_for(aio::tcp_stream::connect("127.0.0.1", listener.port()), 2s);
  const aio::time_point start = loop.now();
  std::size_t n = co_await query(s);
  auto waited = std::chrono::duration_cast<std::chrono::seconds>(loop.now() - start);
  std::fprintf(stderr, "reply of %zu bytes after %lld s of loop time\n", n,
               static_cast<long long>(waited.count()));
  co_await group.join();
}

int main() {
  aio::event_loop loop(aio::loop_options{
      .clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(scenario());
}
