// Boost.Asio: after a cancellation the coroutine stays marked cancelled
// (throw_if_cancelled is on by default), so an unbounded cleanup operation
// fails at once or, with the state reset, can wait forever. Both the
// exception form and the error-code form are handled.
// REQUIRES: boost-asio
// RUN: %check_async %s async-await-in-cancellation-handler %t

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>

#include <chrono>
#include <cstddef>
#include <exception>
#include <stdexcept>

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

void log(const char *);
asio::awaitable<void> notify_peer(tcp::socket &socket);

// The error-code form: the branch where the read was cancelled.
asio::awaitable<void> read_loop(tcp::socket &socket) {
  char data[64];
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(
        asio::buffer(data), asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted) {
      co_await asio::async_write(socket, asio::buffer("bye", 3),
                                 asio::use_awaitable);
      // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: awaiting 'async_write' while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
      // CHECK-MESSAGES: :[[@LINE-4]]:9: note: cancellation tested here
      co_return;
    }
    (void)n;
  }
}

// redirect_error, with the test inverted: the else branch is cancelled.
asio::awaitable<void> redirected(tcp::socket &socket) {
  char data[64];
  boost::system::error_code ec;
  co_await socket.async_read_some(asio::buffer(data),
                                  asio::redirect_error(asio::use_awaitable, ec));
  if (ec != asio::error::operation_aborted) {
    co_await notify_peer(socket);
  } else {
    co_await notify_peer(socket);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'notify_peer' while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
    // CHECK-MESSAGES: :[[@LINE-5]]:7: note: cancellation tested here
  }
}

// The exception form: boost::system::system_error, and std::runtime_error,
// one of its bases.
asio::awaitable<void> system_error_kept(asio::steady_timer &timer,
                                        tcp::socket &socket) {
  std::exception_ptr error;
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const boost::system::system_error &e) {
    if (e.code() != asio::error::operation_aborted)
      throw;
    error = std::current_exception();
  }
  co_await notify_peer(socket);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaiting 'notify_peer' while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: cancellation caught here
  if (error)
    std::rethrow_exception(error);
}

asio::awaitable<void> runtime_error_flag(asio::steady_timer &timer,
                                         tcp::socket &socket) {
  bool failed = false;
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const std::runtime_error &e) {
    log(e.what());
    failed = true;
  }
  if (failed) {
    co_await notify_peer(socket);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'notify_peer' while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
    // CHECK-MESSAGES: :[[@LINE-7]]:5: note: cancellation caught here
  }
}

// Racing against other work is no bound.
asio::awaitable<void> raced_against_work(tcp::socket &socket,
                                         asio::steady_timer &timer) {
  auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  if (ec == asio::error::operation_aborted) {
    co_await (notify_peer(socket) || notify_peer(socket));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting an expression while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: cancellation tested here
  }
}

// A filter that lets terminal cancellation through shields nothing.
asio::awaitable<void> terminal_cancellation_enabled(asio::steady_timer &timer,
                                                    tcp::socket &socket) {
  std::exception_ptr error;
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const boost::system::system_error &) {
    error = std::current_exception();
  }
  co_await asio::this_coro::reset_cancellation_state(
      asio::enable_terminal_cancellation());
  co_await notify_peer(socket);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaiting 'notify_peer' while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: cancellation caught here
  if (error)
    std::rethrow_exception(error);
}

// Cancellation disabled after the goodbye protects only what follows.
asio::awaitable<void> disabled_too_late(asio::steady_timer &timer,
                                        tcp::socket &socket) {
  std::exception_ptr error;
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const boost::system::system_error &) {
    error = std::current_exception();
  }
  co_await notify_peer(socket);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaiting 'notify_peer' while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: cancellation caught here
  co_await asio::this_coro::reset_cancellation_state(
      asio::disable_cancellation());
  if (error)
    std::rethrow_exception(error);
}

// Joined with the timer by &&, the cleanup still waits as long as it takes.
asio::awaitable<void> joined_with_timer(asio::steady_timer &timer,
                                        tcp::socket &socket) {
  std::exception_ptr error;
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const boost::system::system_error &) {
    error = std::current_exception();
  }
  co_await asio::this_coro::reset_cancellation_state();
  timer.expires_after(1s);
  co_await (notify_peer(socket) && timer.async_wait(asio::use_awaitable));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaiting an expression while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: cancellation caught here
  if (error)
    std::rethrow_exception(error);
}

// --- Clean code ---------------------------------------------------------

// Raced against a timer; this_coro::executor completes at once.
asio::awaitable<void> bounded(tcp::socket &socket, asio::steady_timer &timer) {
  auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  if (ec == asio::error::operation_aborted) {
    co_await asio::this_coro::reset_cancellation_state();
    asio::steady_timer deadline(co_await asio::this_coro::executor, 1s);
    co_await (notify_peer(socket) || deadline.async_wait(asio::use_awaitable));
    co_return;
  }
  co_await notify_peer(socket);
}

// Cleanup on the branch of other failures only.
asio::awaitable<void> other_failures(tcp::socket &socket,
                                     asio::steady_timer &timer) {
  auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  if (ec == asio::error::operation_aborted)
    co_return;
  if (ec)
    co_await notify_peer(socket);
}

// The handler rethrows cancellation before the cleanup.
asio::awaitable<void> rethrown_first(asio::steady_timer &timer,
                                     tcp::socket &socket) {
  bool failed = false;
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const boost::system::system_error &e) {
    if (e.code() == asio::error::operation_aborted)
      throw;
    failed = true;
  }
  if (failed)
    co_await notify_peer(socket);
}

// With cancellation disabled, nothing cuts the goodbye off.
asio::awaitable<void> cancellation_disabled(asio::steady_timer &timer,
                                            tcp::socket &socket) {
  std::exception_ptr error;
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const boost::system::system_error &) {
    error = std::current_exception();
  }
  co_await asio::this_coro::reset_cancellation_state(
      asio::disable_cancellation());
  co_await notify_peer(socket);
  if (error)
    std::rethrow_exception(error);
}

// The exception form, raced against a timer.
asio::awaitable<void> raced_after_handler(asio::steady_timer &timer,
                                          tcp::socket &socket) {
  std::exception_ptr error;
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const boost::system::system_error &) {
    error = std::current_exception();
  }
  co_await asio::this_coro::reset_cancellation_state();
  timer.expires_after(1s);
  co_await (notify_peer(socket) || timer.async_wait(asio::use_awaitable));
  if (error)
    std::rethrow_exception(error);
}
