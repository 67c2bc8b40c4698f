// Standalone asio (Debian's libasio-dev) spells the same API as asio::.
// REQUIRES: standalone-asio
// RUN: %check_async %s async-blocking-call %t -- -DASIO_HAS_CO_AWAIT=1

#include <asio.hpp>

asio::awaitable<void> session(asio::ip::tcp::socket socket) {
  char data[64];
  std::size_t n = co_await socket.async_read_some(asio::buffer(data),
                                                  asio::use_awaitable);
  asio::write(socket, asio::buffer(data, n));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'asio::write' blocks the event loop thread in coroutine 'session' (synchronous asio operation)
  socket.read_some(asio::buffer(data));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: call to 'asio::basic_stream_socket::read_some' blocks the event loop thread in coroutine 'session' (synchronous asio operation)
  co_await asio::async_write(socket, asio::buffer(data, n), asio::use_awaitable);
}
