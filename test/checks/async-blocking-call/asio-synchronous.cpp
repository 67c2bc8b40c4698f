// Uses Debian's Boost.Asio headers.
// REQUIRES: boost-asio
// RUN: %check_async %s async-blocking-call %t

#include <boost/asio.hpp>

namespace asio = boost::asio;
using asio::ip::tcp;

asio::awaitable<void> session(tcp::socket socket, tcp::resolver &resolver,
                              asio::steady_timer &timer) {
  co_await timer.async_wait(asio::use_awaitable);
  char data[1024];
  std::size_t n = socket.read_some(asio::buffer(data));
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: call to 'boost::asio::basic_stream_socket::read_some' blocks the event loop thread in coroutine 'session' (synchronous asio operation); use the async_* operation with a completion token (co_await sock.async_read_some(buf, asio::use_awaitable)) [async-blocking-call]
  socket.write_some(asio::buffer(data, n));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: call to 'boost::asio::basic_stream_socket::write_some' blocks the event loop thread in coroutine 'session' (synchronous asio operation)
  asio::read(socket, asio::buffer(data, 4));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'boost::asio::read' blocks the event loop thread in coroutine 'session' (synchronous asio operation)
  asio::write(socket, asio::buffer(data, n));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'boost::asio::write' blocks the event loop thread in coroutine 'session' (synchronous asio operation)
  std::string line;
  asio::read_until(socket, asio::dynamic_buffer(line), '\n');
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'boost::asio::read_until' blocks the event loop thread in coroutine 'session' (synchronous asio operation)
  auto endpoints = resolver.resolve("localhost", "7");
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: call to 'boost::asio::ip::basic_resolver::resolve' blocks the event loop thread in coroutine 'session' (synchronous asio operation)
  tcp::socket other(socket.get_executor());
  asio::connect(other, endpoints);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'boost::asio::connect' blocks the event loop thread in coroutine 'session' (synchronous asio operation)
  other.connect(*endpoints.begin());
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: call to 'boost::asio::basic_socket::connect' blocks the event loop thread in coroutine 'session' (synchronous asio operation)
  boost::system::error_code ec;
  socket.receive(asio::buffer(data), 0, ec);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: call to 'boost::asio::basic_stream_socket::receive' blocks the event loop thread in coroutine 'session' (synchronous asio operation)
  timer.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: call to 'boost::asio::basic_waitable_timer::wait' blocks the event loop thread in coroutine 'session' (synchronous asio operation)
}

// Clean: the asynchronous forms, awaited.
asio::awaitable<void> echo(tcp::socket socket, asio::steady_timer &timer) {
  char data[1024];
  for (;;) {
    std::size_t n =
        co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
    co_await asio::async_write(socket, asio::buffer(data, n),
                               asio::use_awaitable);
    timer.expires_after(std::chrono::milliseconds(10));
    co_await timer.async_wait(asio::use_awaitable);
  }
}

// Clean: synchronous asio in a plain function, and posting blocking work to
// a thread pool from a coroutine.
std::size_t read_sync(tcp::socket &socket, char (&data)[16]) {
  return socket.read_some(asio::buffer(data));
}
asio::awaitable<void> offload(asio::thread_pool &pool, tcp::socket &socket) {
  asio::post(pool, [&socket] {
    char data[16];
    socket.read_some(asio::buffer(data));
  });
  co_return;
}
