// The request helper: it writes and reads with no timeout of its own; its only caller, in main.cpp, bounds the whole exchange.
#include <aio/aio.hpp>

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

aio::task<std::size_t> query(aio::tcp_stream &s) {
  constexpr std::string_view request = "STATUS\n";
  co_await s.write(std::as_bytes(std::span(request)));
  std::array<std::byte, 128> reply;
  co_return co_await s.read(reply);
}
