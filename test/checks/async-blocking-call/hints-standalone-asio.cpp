// Standalone asio's awaitable is asio's too.
// REQUIRES: standalone-asio
// RUN: %check_async %s async-blocking-call %t -- -DASIO_HAS_CO_AWAIT=1

#include <asio.hpp>

#include <chrono>
#include <thread>

asio::awaitable<void> poll(asio::io_context &io) {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in coroutine 'poll' (sleep); await a timer instead (co_await asio::steady_timer{ex, d}.async_wait(asio::use_awaitable)) [async-blocking-call]
  io.run();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: call to 'asio::io_context::run' blocks the event loop thread in coroutine 'poll' (event-loop re-entry); co_await the awaitable instead of running the io_context inside the running one [async-blocking-call]
  co_return;
}
