// A client asks two replicas for their version and gathers both replies with no timeout; one replica never answers, so the client waits for it until the replica hangs up ten minutes later.
#include <aio/aio.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

// Answers at once when `answers`, else never, and hangs up after ten minutes.
aio::task<> replica(aio::tcp_listener &listener, bool answers) {
  aio::tcp_stream conn = co_await aio::wait_for(listener.accept(), 1s);
  if (answers) {
    const std::array<std::byte, 2> version{std::byte{'v'}, std::byte{'2'}};
    co_await aio::wait_for(conn.write(version), 1s);
  }
  co_await aio::sleep(10min);
}

aio::task<> scenario() {
  auto first = aio::tcp_listener::bind("127.0.0.1");
  auto second = aio::tcp_listener::bind("127.0.0.1");
  aio::task_group group;
  group.spawn(replica(first, true));
  group.spawn(replica(second, false));
  aio::tcp_stream a = co_await aio::wait_for(aio::tcp_stream::connect("127.0.0.1", first.port()), 2s);
  aio::tcp_stream b = co_await aio::wait_for(aio::tcp_stream::connect("127.0.0.1", second.port()), 2s);
  std::array<std::byte, 16> va, vb;
  auto [na, nb] = co_await aio::gather(a.read(va), b.read(vb)); // no timeout on either reply
  std::fprintf(stderr, "versions of %zu and %zu bytes\n", na, nb);
  co_await group.join();
}

int main() {
  aio::event_loop loop(aio::loop_options{
      .clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(scenario());
}
