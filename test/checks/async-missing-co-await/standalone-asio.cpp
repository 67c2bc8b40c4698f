// Standalone asio (Debian's libasio-dev, 1.22) spells the same API as asio::,
// with deferred still in asio::experimental.
// REQUIRES: standalone-asio
// RUN: %check_async %s async-missing-co-await %t -- -DASIO_HAS_CO_AWAIT=1

#include <asio.hpp>
#include <asio/experimental/deferred.hpp>

asio::awaitable<void> greet(asio::ip::tcp::socket &socket);

asio::awaitable<void> session(asio::ip::tcp::socket socket) {
  char data[64];
  socket.async_read_some(asio::buffer(data), asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: awaitable returned by 'asio::basic_stream_socket::async_read_some' is discarded; the asynchronous operation is never initiated [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
  greet(socket);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'greet' is discarded; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await greet(socket);
  auto write = asio::async_write(socket, asio::buffer(data, 1),
                                 asio::experimental::deferred);
  // CHECK-MESSAGES: :[[@LINE-2]]:8: warning: awaitable 'write' is never awaited, returned or passed on; the asynchronous operation is never initiated [async-missing-co-await]

  std::size_t n =
      co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
  co_await asio::async_write(socket, asio::buffer(data, n), asio::use_awaitable);
  co_await greet(socket);
}
