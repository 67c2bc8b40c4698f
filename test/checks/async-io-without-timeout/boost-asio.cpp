// Boost.Asio: socket, resolver and free-function operations awaited with no
// bound are reported; a race with a timer through the awaitable operators,
// a completion token bound to a cancellation slot, or a watchdog that
// throws, joined with &&, bounds them.
// REQUIRES: boost-asio
// RUN: %check_async %s async-io-without-timeout %t

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>

#include <chrono>
#include <string>
#include <tuple>

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

asio::awaitable<void> session(tcp::socket socket) {
  char data[1024];
  std::size_t n = co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: network I/O 'boost::asio::basic_stream_socket::async_read_some' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_await asio::async_write(socket, asio::buffer(data, n), asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'boost::asio::async_write' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  std::string line;
  co_await asio::async_read_until(socket, asio::dynamic_buffer(line), '\n', asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'boost::asio::async_read_until' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  auto [error, m] = co_await socket.async_read_some(asio::buffer(data), asio::as_tuple(asio::use_awaitable));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: network I/O 'boost::asio::basic_stream_socket::async_read_some' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

asio::awaitable<tcp::socket> connect(std::string host) {
  auto executor = co_await asio::this_coro::executor;
  tcp::resolver resolver(executor);
  auto endpoints = co_await resolver.async_resolve(host, "7", asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: network I/O 'boost::asio::ip::basic_resolver::async_resolve' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  tcp::socket socket(executor);
  co_await asio::async_connect(socket, endpoints, asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'boost::asio::async_connect' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_return socket;
}

// Waiting for both the read and a timer bounds nothing.
asio::awaitable<void> both(tcp::socket &socket, asio::steady_timer &timer) {
  char data[64];
  co_await (socket.async_read_some(asio::buffer(data), asio::use_awaitable) && timer.async_wait(asio::use_awaitable));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'boost::asio::basic_stream_socket::async_read_some' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

// A watchdog (asio's timeout example): a coroutine that waits on a timer
// until the deadline passes, then throws. Joined with && (wait for both, or
// for the first to fail), its throw cancels the read; the helper whose only
// caller joins it with the watchdog is bounded too.
using time_point = std::chrono::steady_clock::time_point;

asio::awaitable<void> watchdog(time_point &deadline) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  auto now = std::chrono::steady_clock::now();
  while (deadline > now) {
    timer.expires_at(deadline);
    co_await timer.async_wait(asio::use_awaitable);
    now = std::chrono::steady_clock::now();
  }
  throw boost::system::system_error(asio::error::timed_out);
}

asio::awaitable<void> watched_reader(tcp::socket &socket, time_point &deadline) {
  char data[64];
  for (;;) {
    deadline = std::chrono::steady_clock::now() + 10s;
    co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
  }
}

asio::awaitable<void> watched(tcp::socket socket) {
  time_point deadline{};
  co_await (watched_reader(socket, deadline) && watchdog(deadline));
  char data[64];
  deadline = std::chrono::steady_clock::now() + 10s;
  co_await (socket.async_read_some(asio::buffer(data), asio::use_awaitable) && watchdog(deadline));
  // || waits for the first success: the watchdog's throw does not end it.
  co_await (socket.async_read_some(asio::buffer(data), asio::use_awaitable) || watchdog(deadline));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'boost::asio::basic_stream_socket::async_read_some' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

// A timer task that returns when the deadline passes ends nothing: && waits
// for the read as well.
asio::awaitable<void> lapse(time_point deadline) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_at(deadline);
  co_await timer.async_wait(asio::use_awaitable);
}

// A ticker waits on a timer for ever and never throws: it ends nothing.
asio::awaitable<void> ticker(asio::steady_timer &timer) {
  for (;;) {
    timer.expires_after(100ms);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

asio::awaitable<void> lapsing_reader(tcp::socket &socket) {
  char data[64];
  co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'boost::asio::basic_stream_socket::async_read_some' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

asio::awaitable<void> lapsing(tcp::socket socket) {
  time_point deadline = std::chrono::steady_clock::now() + 10s;
  co_await (lapsing_reader(socket) && lapse(deadline));
  char data[64];
  co_await (socket.async_read_some(asio::buffer(data), asio::use_awaitable) && lapse(deadline));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'boost::asio::basic_stream_socket::async_read_some' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  asio::steady_timer timer(socket.get_executor());
  co_await (socket.async_read_some(asio::buffer(data), asio::use_awaitable) && ticker(timer));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'boost::asio::basic_stream_socket::async_read_some' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

// Clean: raced against a timer.
asio::awaitable<void> raced(tcp::socket &socket) {
  asio::steady_timer timer(co_await asio::this_coro::executor, 5s);
  char data[64];
  auto result = co_await (socket.async_read_some(asio::buffer(data), asio::use_awaitable) || timer.async_wait(asio::use_awaitable));
  (void)result;
}

// Clean: the token is bound to a cancellation slot that a deadline emits.
asio::awaitable<void> with_slot(tcp::socket &socket, asio::cancellation_signal &deadline) {
  char data[64];
  co_await socket.async_read_some(asio::buffer(data), asio::bind_cancellation_slot(deadline.slot(), asio::use_awaitable));
}

// Clean: accept waits for the next client, reported only with CheckAccept.
asio::awaitable<void> listener(tcp::acceptor &acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    std::ignore = socket;
  }
}

// Clean: timers and other awaits.
asio::awaitable<void> pause(asio::steady_timer &timer) {
  co_await timer.async_wait(asio::use_awaitable);
}
