// A client session that is cancelled logs out by sending BYE and waiting for the server's acknowledgement, shielded and bounded: a server that never acknowledges costs the shutdown two seconds.
#include "aio/aio.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <exception>
#include <memory>
#include <span>
#include <string_view>

using namespace std::chrono_literals;

// Reads whatever the client sends, never answers, and waits (an hour at most) for it to hang up.
aio::task<> mute_server(aio::tcp_listener &listener) {
  aio::tcp_stream conn = co_await aio::wait_for(listener.accept(), 1s);
  std::array<std::byte, 64> request;
  while (co_await aio::wait_for(conn.read(request), 1h) != 0) {
  }
}

aio::task<> log_out(aio::tcp_stream &s) {
  constexpr std::string_view bye = "BYE\n";
  co_await aio::wait_for(s.write(std::as_bytes(std::span(bye))), 1s);
  std::array<std::byte, 16> ack;
  co_await s.read(ack); // the acknowledgement
}

aio::task<> session(std::uint16_t port) {
  aio::tcp_stream s = co_await aio::wait_for(aio::tcp_stream::connect("127.0.0.1", port), 2s);
  std::exception_ptr stopped;
  try {
    co_await aio::sleep(24h); // serve until told to stop
  } catch (const aio::cancelled_error &) {
    stopped = std::current_exception();
  }
  try {
    co_await aio::shield(aio::wait_for(log_out(s), 2s));
  } catch (const aio::timeout_error &) {
    std::printf("no logout acknowledgement; hanging up\n");
  }
  std::rethrow_exception(stopped);
}

aio::task<> client() {
  auto listener = aio::tcp_listener::bind("127.0.0.1");
  aio::task_group servers;
  servers.spawn(mute_server(listener));
  auto s = aio::create_task(session(listener.port()));
  co_await aio::sleep(5s);
  s.cancel(); // shutdown requested
  try {
    co_await s;
  } catch (const std::exception &) {
  }
  co_await servers.join();
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(client());
}
