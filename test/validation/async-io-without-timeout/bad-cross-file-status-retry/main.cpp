// A status helper of another file reads with no timeout of its own; its first try bounds it with wait_for, but the retry here does not, so when the server stops answering the retry stalls until the server gives up ten minutes later.
#include <aio/aio.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <memory>
#include <span>
#include <string_view>

using namespace std::chrono_literals;

// Defined in status.cpp.
aio::task<std::size_t> read_status(aio::tcp_stream &s);
aio::task<bool> status_within_two_seconds(aio::tcp_stream &s);

// Reads requests and never replies; hangs up after ten minutes.
aio::task<> mute_server(aio::tcp_listener &listener) {
  aio::tcp_stream conn = co_await aio::wait_for(listener.accept(), 1s);
  std::array<std::byte, 64> request;
  co_await aio::wait_for(conn.read(request), 1s);
  co_await aio::sleep(10min);
}

aio::task<> scenario() {
  auto listener = aio::tcp_listener::bind("127.0.0.1");
  aio::task_group group;
  group.spawn(mute_server(listener));
  aio::tcp_stream s = co_await aio::wait_for(aio::tcp_stream::connect("127.0.0.1", listener.port()), 2s);
  constexpr std::string_view request = "STATUS\n";
  co_await aio::wait_for(s.write(std::as_bytes(std::span(request))), 1s);
  if (!co_await status_within_two_seconds(s)) {
    std::fprintf(stderr, "no status within 2 s; waiting for it anyway\n");
    std::size_t n = co_await read_status(s); // the retry has no bound
    std::fprintf(stderr, "status of %zu bytes\n", n);
  }
  co_await group.join();
}

int main() {
  aio::event_loop loop(aio::loop_options{
      .clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(scenario());
}
