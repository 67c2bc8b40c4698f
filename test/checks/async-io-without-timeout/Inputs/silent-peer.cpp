#include <aio/tcp.hpp>

#include <array>
#include <cstddef>

aio::task<std::size_t> read_some(aio::tcp_stream &s) {
  std::array<std::byte, 64> buf;
  co_return co_await s.read(buf);
}
