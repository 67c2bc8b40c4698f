// asio 1.32 (Boost 1.86) completion tokens with a deadline: cancel_after and
// cancel_at bound the operation, also inside as_tuple. The declarations
// below stand in for that asio's.
// RUN: %check_async %s async-io-without-timeout %t

#include <chrono>
#include <coroutine>
#include <cstddef>

namespace asio {
template <class T = void>
struct awaitable {
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  T await_resume();
  struct promise_type {
    awaitable get_return_object();
    std::suspend_never initial_suspend() noexcept;
    std::suspend_never final_suspend() noexcept;
    void return_void();
    void unhandled_exception();
  };
};
struct use_awaitable_t {};
inline constexpr use_awaitable_t use_awaitable;
template <class Token, class Clock = std::chrono::steady_clock>
struct cancel_after_t {
  Token token;
  typename Clock::duration timeout;
};
template <class Rep, class Period>
cancel_after_t<use_awaitable_t> cancel_after(std::chrono::duration<Rep, Period>);
template <class Token>
struct as_tuple_t {
  Token token;
};
template <class Token>
as_tuple_t<Token> as_tuple(Token);
struct mutable_buffer {};
mutable_buffer buffer(char *, std::size_t);
template <class Protocol>
struct basic_stream_socket {
  template <class Token>
  awaitable<std::size_t> async_read_some(mutable_buffer, Token);
};
struct tcp {};
} // namespace asio

using namespace std::chrono_literals;

asio::awaitable<void> session(asio::basic_stream_socket<asio::tcp> &socket) {
  char data[64];
  co_await socket.async_read_some(asio::buffer(data, 64), asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'asio::basic_stream_socket::async_read_some' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_await socket.async_read_some(asio::buffer(data, 64), asio::cancel_after(5s));
  co_await socket.async_read_some(asio::buffer(data, 64), asio::as_tuple(asio::cancel_after(5s)));
}
