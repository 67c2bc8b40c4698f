// Boost.Asio: a promise cancelled, an operation whose slot is bound to a
// cancellation signal, and the awaitable operators with a timer.
// REQUIRES: boost-asio
// RUN: %check_async %s async-cancelled-await-without-timeout %t

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/promise.hpp>
#include <boost/asio/experimental/use_promise.hpp>

#include <chrono>
#include <utility>

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

asio::awaitable<void> worker();

asio::awaitable<void> promise_cancelled(asio::steady_timer &timer) {
  auto done = timer.async_wait(asio::experimental::use_promise);
  done.cancel();
  co_await done(asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'done' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: cancelled here
}

// The operation holds the signal's slot.
asio::awaitable<void> signal_emitted() {
  asio::cancellation_signal signal;
  auto done = asio::co_spawn(
      co_await asio::this_coro::executor, worker(),
      asio::bind_cancellation_slot(signal.slot(), asio::use_awaitable));
  signal.emit(asio::cancellation_type::terminal);
  co_await std::move(done);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'done' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: cancelled here through 'signal'
}

// Racing the cancelled work against other work is no bound.
asio::awaitable<void> raced_against_work(asio::steady_timer &timer) {
  auto done = timer.async_wait(asio::experimental::use_promise);
  done.cancel();
  co_await (done(asio::use_awaitable) || worker());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'done' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: cancelled here
}

// Waiting for both the work and a timer is no bound either.
asio::awaitable<void> both_with_timer(asio::steady_timer &timer,
                                      asio::steady_timer &deadline) {
  auto done = timer.async_wait(asio::experimental::use_promise);
  done.cancel();
  co_await (done(asio::use_awaitable) &&
            deadline.async_wait(asio::use_awaitable));
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'done' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: cancelled here
}

// Clean: raced against a timer.
asio::awaitable<void> raced_against_timer(asio::steady_timer &timer) {
  asio::steady_timer deadline(co_await asio::this_coro::executor, 1s);
  auto done = timer.async_wait(asio::experimental::use_promise);
  done.cancel();
  co_await (done(asio::use_awaitable) ||
            deadline.async_wait(asio::use_awaitable));
}

// Clean: the signal that was emitted is not the one bound to the work.
asio::awaitable<void> other_signal() {
  asio::cancellation_signal signal, unused;
  auto done = asio::co_spawn(
      co_await asio::this_coro::executor, worker(),
      asio::bind_cancellation_slot(signal.slot(), asio::use_awaitable));
  unused.emit(asio::cancellation_type::terminal);
  co_await std::move(done);
}
