// Boost.Asio: an initiating function called with use_awaitable or deferred
// returns a lazy operation that is initiated only when awaited; an
// asio::awaitable (awaitable only through asio's promise, so known by name)
// never runs unless awaited or spawned.
// REQUIRES: boost-asio
// RUN: %check_async %s async-missing-co-await %t

#include <boost/asio.hpp>

namespace asio = boost::asio;
using asio::ip::tcp;

asio::awaitable<void> handle(tcp::socket socket);

asio::awaitable<void> session(tcp::socket socket, asio::steady_timer &timer) {
  char data[64];
  socket.async_read_some(asio::buffer(data), asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: awaitable returned by 'boost::asio::basic_stream_socket::async_read_some' is discarded; the asynchronous operation is never initiated [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
  asio::async_write(socket, asio::buffer(data, 4), asio::deferred);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'boost::asio::async_write' is discarded; the asynchronous operation is never initiated [async-missing-co-await]
  // A deferred operation is awaitable only through asio's promise: no fix-it.
  // CHECK-FIXES: {{^}}  asio::async_write(socket, asio::buffer(data, 4), asio::deferred);
  (void)timer.async_wait(asio::as_tuple(asio::use_awaitable));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: awaitable returned by 'boost::asio::basic_waitable_timer::async_wait' is cast to void, which does not await it; the asynchronous operation is never initiated [async-missing-co-await]
  // CHECK-FIXES: {{^}}  (void)co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  auto executor = co_await asio::this_coro::executor;
  asio::co_spawn(executor, handle(tcp::socket(executor)), asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'boost::asio::co_spawn' is discarded; the asynchronous operation is never initiated [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await asio::co_spawn(executor, handle(tcp::socket(executor)), asio::use_awaitable);
  handle(tcp::socket(executor));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'handle' is discarded; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await handle(tcp::socket(executor));
  auto pending = handle(tcp::socket(executor));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: awaitable 'pending' is never awaited, returned or passed on; the task is lazy and never runs [async-missing-co-await]

  // Clean: awaited, spawned, or with a completion handler.
  std::size_t n =
      co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
  co_await asio::async_write(socket, asio::buffer(data, n), asio::deferred);
  auto [error] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  auto op = timer.async_wait(asio::deferred);
  co_await std::move(op);
  co_await handle(tcp::socket(executor));
  asio::co_spawn(executor, handle(tcp::socket(executor)), asio::detached);
  timer.async_wait([](boost::system::error_code) {});
}
