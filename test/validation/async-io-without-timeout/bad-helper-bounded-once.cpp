// A status helper reads with no timeout of its own; one caller bounds it with wait_for, the retry path does not, so when the server stops answering the retry stalls until the server gives up ten minutes later.
#include <aio/aio.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <memory>
#include <span>
#include <string_view>

using namespace std::chrono_literals;

// Reads requests and never replies; hangs up after ten minutes.
aio::task<> mute_server(aio::tcp_listener &listener) {
  aio::tcp_stream conn = co_await aio::wait_for(listener.accept(), 1s);
  std::array<std::byte, 64> request;
  co_await aio::wait_for(conn.read(request), 1s);
  co_await aio::sleep(10min);
}

aio::task<std::size_t> read_status(aio::tcp_stream &s) {
  std::array<std::byte, 128> reply;
  co_return co_await s.read(reply); // bounded by one caller only
}

aio::task<> scenario() {
  auto listener = aio::tcp_listener::bind("127.0.0.1");
  aio::task_group group;
  group.spawn(mute_server(listener));
  aio::tcp_stream s = co_await aio::wait_for(aio::tcp_stream::connect("127.0.0.1", listener.port()), 2s);
  constexpr std::string_view request = "STATUS\n";
  co_await aio::wait_for(s.write(std::as_bytes(std::span(request))), 1s);
  bool answered = true;
  try {
    co_await aio::wait_for(read_status(s), 2s);
  } catch (const aio::timeout_error &) {
    answered = false;
  }
  if (!answered) {
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
