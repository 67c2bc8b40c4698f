// A client reads a greeting from a server that accepts and then says nothing; the read is bounded by aio::wait_for, so the client gives up after five seconds and hangs up.
#include <aio/aio.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

// Accepts one client, never writes, and waits (an hour at most) for it to hang up.
aio::task<> silent_server(aio::tcp_listener &listener) {
  aio::tcp_stream conn = co_await aio::wait_for(listener.accept(), 1s);
  std::array<std::byte, 64> ignored;
  while (co_await aio::wait_for(conn.read(ignored), 1h) != 0) {
  }
}

// doc:begin The read bounded by wait_for
aio::task<bool> read_greeting(std::uint16_t port) {
  aio::tcp_stream s = co_await aio::wait_for(aio::tcp_stream::connect("127.0.0.1", port), 5s);
  std::array<std::byte, 64> greeting;
  try {
    co_await aio::wait_for(s.read(greeting), 5s);
    co_return true;
  } catch (const aio::timeout_error &) {
    co_return false;
  }
}
// doc:end

aio::task<> scenario() {
  aio::event_loop &loop = *aio::event_loop::current();
  auto listener = aio::tcp_listener::bind("127.0.0.1");
  aio::task_group group;
  group.spawn(silent_server(listener));
  const aio::time_point start = loop.now();
  bool greeted = co_await read_greeting(listener.port());
  auto waited = std::chrono::duration_cast<std::chrono::seconds>(loop.now() - start);
  std::fprintf(stderr, "greeted: %s after %lld s of loop time\n", greeted ? "yes" : "no",
               static_cast<long long>(waited.count()));
  co_await group.join();
}

int main() {
  aio::event_loop loop(aio::loop_options{
      .clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(scenario());
}
