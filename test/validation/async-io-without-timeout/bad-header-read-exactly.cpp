// A client reads a fixed-size frame header with read_exactly and no timeout; the server sends half the header and then stalls, so the client waits until the server's idle policy drops it an hour later.
#include <aio/aio.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

// Sends the first half of an 8-byte header, then stalls for an hour.
aio::task<> stalling_server(aio::tcp_listener &listener) {
  aio::tcp_stream conn = co_await aio::wait_for(listener.accept(), 1s);
  const std::array<std::byte, 4> half{std::byte{'F'}, std::byte{'R'}, std::byte{'M'}, std::byte{'1'}};
  co_await aio::wait_for(conn.write(half), 1s);
  co_await aio::sleep(1h);
}

aio::task<bool> read_header(aio::tcp_stream &s) {
  std::array<std::byte, 8> header;
  try {
    co_await s.read_exactly(header); // no timeout: a stalled peer keeps us here
    co_return true;
  } catch (const std::runtime_error &) {
    co_return false; // the peer closed mid-header
  }
}

aio::task<> scenario() {
  auto listener = aio::tcp_listener::bind("127.0.0.1");
  aio::task_group group;
  group.spawn(stalling_server(listener));
  aio::tcp_stream s = co_await aio::wait_for(aio::tcp_stream::connect("127.0.0.1", listener.port()), 2s);
  bool complete = co_await read_header(s);
  std::fprintf(stderr, "header %s\n", complete ? "complete" : "truncated");
  co_await group.join();
}

int main() {
  aio::event_loop loop(aio::loop_options{
      .clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(scenario());
}
