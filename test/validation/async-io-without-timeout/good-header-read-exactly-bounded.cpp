// A client reads a fixed-size frame header with read_exactly under a deadline; the server sends half the header and then stalls, so the client gives up after three seconds and hangs up.
#include <aio/aio.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

// Sends the first half of an 8-byte header, then stalls until the client hangs up.
aio::task<> stalling_server(aio::tcp_listener &listener) {
  aio::tcp_stream conn = co_await aio::wait_for(listener.accept(), 1s);
  const std::array<std::byte, 4> half{std::byte{'F'}, std::byte{'R'}, std::byte{'M'}, std::byte{'1'}};
  co_await aio::wait_for(conn.write(half), 1s);
  std::array<std::byte, 16> ignored;
  while (co_await aio::wait_for(conn.read(ignored), 1h) != 0) {
  }
}

aio::task<bool> read_header(aio::tcp_stream &s) {
  std::array<std::byte, 8> header;
  try {
    co_await aio::wait_for(s.read_exactly(header), 3s);
    co_return true;
  } catch (const aio::timeout_error &) {
    co_return false;
  }
}

aio::task<> scenario() {
  auto listener = aio::tcp_listener::bind("127.0.0.1");
  aio::task_group group;
  group.spawn(stalling_server(listener));
  aio::tcp_stream s = co_await aio::wait_for(aio::tcp_stream::connect("127.0.0.1", listener.port()), 2s);
  bool complete = co_await read_header(s);
  std::fprintf(stderr, "header %s\n", complete ? "complete" : "timed out");
  s.close();
  co_await group.join();
}

int main() {
  aio::event_loop loop(aio::loop_options{
      .clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(scenario());
}
