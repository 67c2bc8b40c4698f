// aio: TCP reads, writes and connects awaited with no timeout are reported;
// aio::wait_for around the operation, or around a helper coroutine at every
// one of its calls, bounds them. Lambdas, templates and NOLINT.
// RUN: %check_async %s async-io-without-timeout %t

#include <aio/gather.hpp>
#include <aio/tcp.hpp>
#include <aio/wait_for.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <span>
#include <utility>

using namespace std::chrono_literals;

void handle(std::span<const std::byte>);

aio::task<> echo(aio::tcp_stream s) {
  std::array<std::byte, 512> buf;
  std::size_t n = co_await s.read(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: network I/O 'aio::tcp_stream::read' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_await s.write(std::span(buf).first(n));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'aio::tcp_stream::write' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

aio::task<> connect_and_read() {
  aio::tcp_stream s = co_await aio::tcp_stream::connect("127.0.0.1", 7);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: network I/O 'aio::tcp_stream::connect' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  std::array<std::byte, 8> header;
  co_await s.read_exactly(header);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'aio::tcp_stream::read_exactly' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

// The operation made first and awaited through its variable.
aio::task<> through_a_variable(aio::tcp_stream &s) {
  std::array<std::byte, 64> buf;
  auto pending = s.read(buf);
  co_await std::move(pending);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'aio::tcp_stream::read' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

// A timeout around other work bounds only that work.
aio::task<> gathered(aio::tcp_stream &a, aio::tcp_stream &b) {
  std::array<std::byte, 64> x, y;
  co_await aio::gather(aio::wait_for(a.read(x), 1s), b.read(y));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'aio::tcp_stream::read' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

// A coroutine lambda is a coroutine of its own.
void start(aio::tcp_stream &s) {
  auto reader = [&s]() -> aio::task<> {
    std::array<std::byte, 64> buf;
    co_await s.read(buf);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: network I/O 'aio::tcp_stream::read' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  };
  (void)reader;
}

// A template is analysed in its instantiations; each finding is reported once.
template <std::size_t N>
aio::task<> read_block(aio::tcp_stream &s) {
  std::array<std::byte, N> buf;
  co_await s.read_exactly(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'aio::tcp_stream::read_exactly' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}
template aio::task<> read_block<16>(aio::tcp_stream &);
template aio::task<> read_block<32>(aio::tcp_stream &);

// A helper whose callers bound it at one call and not at another.
aio::task<> read_reply(aio::tcp_stream &s) {
  std::array<std::byte, 64> buf;
  co_await s.read(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'aio::tcp_stream::read' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}
aio::task<> bounded_caller(aio::tcp_stream &s) {
  co_await aio::wait_for(read_reply(s), 5s);
}
aio::task<> unbounded_caller(aio::tcp_stream &s) {
  co_await read_reply(s);
}

// Clean: bounded by aio::wait_for.
aio::task<> bounded(aio::tcp_stream s) {
  std::array<std::byte, 512> buf;
  std::size_t n = co_await aio::wait_for(s.read(buf), 30s);
  co_await aio::wait_for(s.write(std::span(buf).first(n)), 5s);
  aio::tcp_stream other =
      co_await aio::wait_for(aio::tcp_stream::connect("127.0.0.1", 7), 2s);
}

// Clean: a helper that every caller bounds (one level of callers, in this
// translation unit).
aio::task<> read_request(aio::tcp_stream &s) {
  std::array<std::byte, 64> buf;
  std::size_t n = co_await s.read(buf);
  handle(std::span(buf).first(n));
}
aio::task<> serve(aio::tcp_stream s) {
  co_await aio::wait_for(read_request(s), 10s);
  co_await aio::wait_for(read_request(s), 10s);
}

// Clean: a lambda bounded where it is called.
aio::task<> bounded_lambda(aio::tcp_stream &s) {
  co_await aio::wait_for([&]() -> aio::task<> {
    std::array<std::byte, 64> buf;
    co_await s.read(buf);
  }(),
                         1s);
}

// Clean: accept waits for the next client; it is reported only with
// CheckAccept (see options.cpp).
aio::task<> listen(aio::tcp_listener &listener) {
  aio::tcp_stream s = co_await listener.accept();
  co_await aio::wait_for(serve(std::move(s)), 60s);
}

// Clean: suppressed.
aio::task<> suppressed(aio::tcp_stream &s) {
  std::array<std::byte, 64> buf;
  co_await s.read(buf); // NOLINT(async-io-without-timeout)
}
