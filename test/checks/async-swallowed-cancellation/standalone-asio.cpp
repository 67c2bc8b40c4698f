// Standalone asio: cancellation arrives as std::system_error (asio's
// system_error) or, through experimental::as_tuple, as an error code.
// REQUIRES: standalone-asio
// RUN: %check_async %s async-swallowed-cancellation %t -- -DASIO_HAS_CO_AWAIT=1

#include <asio.hpp>
#include <asio/experimental/as_tuple.hpp>

#include <stdexcept>
#include <system_error>

void log(const char *);

asio::awaitable<void> catch_system_error(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const std::system_error &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'std::system_error' swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    log(e.what());
  }
}

asio::awaitable<void> catch_runtime_error(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const std::runtime_error &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'std::runtime_error', a base of 'std::system_error', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    log(e.what());
  }
}

asio::awaitable<void> tuple_loop(asio::steady_timer &timer) {
  for (;;) {
    auto [ec] = co_await timer.async_wait(
        asio::experimental::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted) {
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'ec' is compared with 'asio::error::operation_aborted' and then ignored: the coroutine awaits again after its operation was cancelled [async-swallowed-cancellation]
      // CHECK-MESSAGES: :[[@LINE-4]]:17: note: suspension point that can be cancelled is here
      log("cancelled");
    }
  }
}

// Clean: cancellation is told apart and rethrown.
asio::awaitable<void> rethrow_aborted(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const std::system_error &e) {
    if (e.code() == asio::error::operation_aborted)
      throw;
    log(e.what());
  }
}

asio::awaitable<void> rethrow_errc(asio::steady_timer &timer) {
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const std::system_error &e) {
    if (e.code() != std::errc::operation_canceled) {
      log(e.what());
      co_return;
    }
    throw;
  }
}
