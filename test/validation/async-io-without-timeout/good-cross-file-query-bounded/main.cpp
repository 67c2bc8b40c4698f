// A request helper of another file writes and reads with no timeout of its own, but its only caller, here, bounds the whole exchange with aio::wait_for, so a server that never answers costs two seconds, not forever.
#include <aio/aio.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

// Defined in query.cpp.
aio::task<std::size_t> query(aio::tcp_stream &s);

// Reads one request, never replies, and waits (ten minutes at most) for the client to hang up.
aio::task<> stuck_server(aio::tcp_listener &listener) {
  aio::tcp_stream conn = co_await aio::wait_for(listener.accept(), 1s);
  std::array<std::byte, 64> request;
  while (co_await aio::wait_for(conn.read(request), 10min) != 0) {
  }
}

aio::task<> scenario() {
  auto listener = aio::tcp_listener::bind("127.0.0.1");
  aio::task_group group;
  group.spawn(stuck_server(listener));
  aio::tcp_stream s = co_await aio::wait_for(aio::tcp_stream::connect("127.0.0.1", listener.port()), 2s);
  try {
    std::size_t n = co_await aio::wait_for(query(s), 2s);
    std::fprintf(stderr, "reply of %zu bytes\n", n);
  } catch (const aio::timeout_error &) {
    std::fprintf(stderr, "no reply within 2 s; closing\n");
  }
  s.close();
  co_await group.join();
}

int main() {
  aio::event_loop loop(aio::loop_options{
      .clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(scenario());
}
