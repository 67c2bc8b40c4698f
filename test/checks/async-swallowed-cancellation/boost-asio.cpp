// Boost.Asio: use_awaitable throws boost::system::system_error with
// error::operation_aborted when an operation is cancelled; as_tuple and
// redirect_error deliver the same code as a value.
// REQUIRES: boost-asio
// RUN: %check_async %s async-swallowed-cancellation %t

#include <boost/asio.hpp>

#include <cstddef>
#include <exception>

namespace asio = boost::asio;

void log(const char *);
void on_tick();

asio::awaitable<void> catch_system_error(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const boost::system::system_error &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'boost::system::system_error' swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    log(e.what());
  }
}

asio::awaitable<void> catch_base(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const std::exception &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'std::exception', a base of 'boost::system::system_error', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    log(e.what());
  }
}

// Only the other failures are handled: cancellation is rethrown.
asio::awaitable<void> rethrow_aborted(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const boost::system::system_error &e) {
    if (e.code() == asio::error::operation_aborted)
      throw;
    log(e.what());
  }
}

asio::awaitable<void> handle_others_rethrow_aborted(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const boost::system::system_error &e) {
    if (e.code() != asio::error::operation_aborted) {
      log(e.what());
      co_return;
    }
    throw;
  }
}

// The test is inverted: the cancelled branch is the one that logs.
asio::awaitable<void> rethrow_the_others(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const boost::system::system_error &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'boost::system::system_error' swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    if (e.code() != asio::error::operation_aborted)
      throw;
    log("cancelled");
  }
}

// The error-code form: cancellation compared, then the loop awaits again.
asio::awaitable<void> tuple_continue(asio::steady_timer &timer) {
  for (;;) {
    auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted)
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'ec' is compared with 'boost::asio::error::operation_aborted' and then ignored: the coroutine awaits again after its operation was cancelled [async-swallowed-cancellation]
      // CHECK-MESSAGES: :[[@LINE-3]]:17: note: suspension point that can be cancelled is here
      continue;
    on_tick();
  }
}

asio::awaitable<void> redirect_falls_through(asio::ip::tcp::socket &socket) {
  char data[64];
  for (;;) {
    boost::system::error_code ec;
    std::size_t n = co_await socket.async_read_some(
        asio::buffer(data), asio::redirect_error(asio::use_awaitable, ec));
    if (ec != asio::error::operation_aborted)
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'ec' is compared with 'boost::asio::error::operation_aborted' and then ignored: the coroutine awaits again after its operation was cancelled [async-swallowed-cancellation]
      // CHECK-MESSAGES: :[[@LINE-4]]:21: note: suspension point that can be cancelled is here
      log("read");
    (void)n;
  }
}

// Clean: the coroutine stops when its operation was cancelled.
asio::awaitable<void> tuple_return(asio::steady_timer &timer) {
  for (;;) {
    auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted)
      co_return;
    on_tick();
  }
}

asio::awaitable<void> redirect_break(asio::ip::tcp::socket &socket) {
  char data[64];
  for (;;) {
    boost::system::error_code ec;
    co_await socket.async_read_some(
        asio::buffer(data), asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted)
      break;
    log("read");
  }
  log("stopped");
}

// Clean: the error code of an operation nobody compares.
asio::awaitable<void> not_compared(asio::steady_timer &timer) {
  auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  if (ec)
    log("failed");
}

// A visible predicate of the error code tells cancellation apart as well.
bool is_aborted(const boost::system::error_code &ec) {
  return ec == asio::error::operation_aborted;
}

// Clean: cancellation is rethrown, or stops the loop.
asio::awaitable<void> rethrow_by_predicate(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const boost::system::system_error &e) {
    if (is_aborted(e.code()))
      throw;
    log(e.what());
  }
}

asio::awaitable<void> predicate_stops_loop(asio::steady_timer &timer) {
  for (;;) {
    auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (is_aborted(ec))
      co_return;
    on_tick();
  }
}

// The predicate's cancelled branch goes on, or logs and finishes.
asio::awaitable<void> predicate_continue(asio::steady_timer &timer) {
  for (;;) {
    auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (is_aborted(ec))
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'ec' is compared with 'boost::asio::error::operation_aborted' and then ignored: the coroutine awaits again after its operation was cancelled [async-swallowed-cancellation]
      // CHECK-MESSAGES: :[[@LINE-3]]:17: note: suspension point that can be cancelled is here
      continue;
    on_tick();
  }
}

asio::awaitable<void> predicate_inverted(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const boost::system::system_error &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'boost::system::system_error' swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    if (!is_aborted(e.code()))
      throw;
    log("cancelled");
  }
}
