#include "protocol.h"

#include <aio/wait_for.hpp>

#include <array>
#include <chrono>

using namespace std::chrono_literals;

// Its only caller, in server.cpp, bounds it.
aio::task<std::size_t> read_request(aio::tcp_stream &s) {
  std::array<std::byte, 512> buf;
  co_return co_await s.read(buf);
}

// Bounded by its callers here and in server.cpp, not by the one in
// admin.cpp.
aio::task<> send_banner(aio::tcp_stream &s) {
  std::array<std::byte, 8> banner{};
  co_await s.write(banner);
}

aio::task<> greet(aio::tcp_stream &s) {
  co_await aio::wait_for(send_banner(s), 5s);
}

// Called nowhere.
aio::task<> read_ack(aio::tcp_stream &s) {
  std::array<std::byte, 1> ack;
  co_await s.read(ack);
}
