// Standalone asio: a promise is awaited through async_wait.
// REQUIRES: standalone-asio
// RUN: %check_async %s async-cancelled-await-without-timeout %t -- -DASIO_HAS_CO_AWAIT=1

#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/experimental/promise.hpp>

#include <chrono>

using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

asio::awaitable<void> promise_cancelled(asio::steady_timer &timer) {
  auto done = timer.async_wait(asio::experimental::use_promise);
  done.cancel();
  co_await done.async_wait(asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'done' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: cancelled here
}

// Clean: raced against a timer.
asio::awaitable<void> raced_against_timer(asio::steady_timer &timer,
                                          asio::steady_timer &deadline) {
  auto done = timer.async_wait(asio::experimental::use_promise);
  done.cancel();
  co_await (done.async_wait(asio::use_awaitable) ||
            deadline.async_wait(asio::use_awaitable));
}
