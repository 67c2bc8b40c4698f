// Standalone asio (Debian's libasio-dev) spells the same API as asio::.
// REQUIRES: standalone-asio
// RUN: %check_async %s async-detached-task %t -- -DASIO_HAS_CO_AWAIT=1

#include <asio.hpp>

#include <exception>

asio::awaitable<void> session();

void start(asio::io_context &io) {
  asio::co_spawn(io, session(), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'asio::co_spawn' with completion token 'asio::detached' detaches the coroutine; nobody sees its failure [async-detached-task]
  asio::co_spawn(io, session(), [](std::exception_ptr) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: completion handler of 'asio::co_spawn' ignores the exception; nobody sees the coroutine's failure [async-detached-task]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: the handler never reads its std::exception_ptr parameter

  // Clean.
  asio::co_spawn(io, session(), [](std::exception_ptr e) {
    if (e)
      std::rethrow_exception(e);
  });
}
