// The status helper and its first try, which bounds it; the retry in main.cpp does not.
#include <aio/aio.hpp>

#include <array>
#include <chrono>
#include <cstddef>

using namespace std::chrono_literals;

aio::task<std::size_t> read_status(aio::tcp_stream &s) {
  std::array<std::byte, 128> reply;
  co_return co_await s.read(reply); // bounded here, not by the retry
}

aio::task<bool> status_within_two_seconds(aio::tcp_stream &s) {
  try {
    co_await aio::wait_for(read_status(s), 2s);
    co_return true;
  } catch (const aio::timeout_error &) {
    co_return false;
  }
}
