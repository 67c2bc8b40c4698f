// asio::co_spawn reports how the coroutine ended to its completion handler.
// The detached token drops the exception; so does a handler that never looks
// at its std::exception_ptr. A handler that does, or use_awaitable (which
// hands the outcome to the awaiting coroutine), is tracked.
// REQUIRES: boost-asio
// RUN: %check_async %s async-detached-task %t

#include <boost/asio.hpp>

#include <cstdio>
#include <exception>

namespace asio = boost::asio;

asio::awaitable<void> session();
asio::awaitable<int> answer();
void log_failure(std::exception_ptr);

void start(asio::io_context &io) {
  asio::co_spawn(io, session(), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::asio::co_spawn' with completion token 'boost::asio::detached' detaches the coroutine; nobody sees its failure [async-detached-task]
  boost::asio::co_spawn(io.get_executor(), session(), boost::asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::asio::co_spawn' with completion token 'boost::asio::detached' detaches the coroutine; nobody sees its failure [async-detached-task]
  asio::co_spawn(io, session(), [](std::exception_ptr) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: completion handler of 'boost::asio::co_spawn' ignores the exception; nobody sees the coroutine's failure [async-detached-task]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: the handler never reads its std::exception_ptr parameter
  asio::co_spawn(io, answer(), [](std::exception_ptr error, int value) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: completion handler of 'boost::asio::co_spawn' ignores the exception; nobody sees the coroutine's failure [async-detached-task]
    // CHECK-MESSAGES: :[[@LINE-2]]:54: note: the handler never reads its std::exception_ptr parameter
    std::printf("%d\n", value);
  });
  auto quiet = [](auto error) { std::puts("done"); };
  asio::co_spawn(io, session(), quiet);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: completion handler of 'boost::asio::co_spawn' ignores the exception; nobody sees the coroutine's failure [async-detached-task]
  // CHECK-MESSAGES: :[[@LINE-3]]:24: note: the handler never reads its std::exception_ptr parameter
}

// A wrapper that binds a cancellation slot or an executor to the handler
// completes as the handler does.
struct quiet_handler {
  void operator()(std::exception_ptr) const { std::puts("done"); }
};

void wrapped(asio::io_context &io, asio::cancellation_signal &signal) {
  asio::co_spawn(io, session(),
                 asio::bind_cancellation_slot(signal.slot(), asio::detached));
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'boost::asio::co_spawn' with completion token 'boost::asio::detached' detaches the coroutine; nobody sees its failure [async-detached-task]
  asio::co_spawn(io, session(),
                 asio::bind_cancellation_slot(signal.slot(),
                                              [](std::exception_ptr) {}));
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: completion handler of 'boost::asio::co_spawn' ignores the exception; nobody sees the coroutine's failure [async-detached-task]
  // CHECK-MESSAGES: :[[@LINE-2]]:47: note: the handler never reads its std::exception_ptr parameter
  auto unread = [](std::exception_ptr error) { std::puts("stopped"); };
  auto bound = asio::bind_cancellation_slot(signal.slot(), unread);
  asio::co_spawn(io, session(), bound);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: completion handler of 'boost::asio::co_spawn' ignores the exception; nobody sees the coroutine's failure [async-detached-task]
  // CHECK-MESSAGES: :[[@LINE-4]]:39: note: the handler never reads its std::exception_ptr parameter
  asio::co_spawn(io, session(),
                 asio::bind_executor(io.get_executor(), quiet_handler{}));
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: completion handler of 'boost::asio::co_spawn' ignores the exception; nobody sees the coroutine's failure [async-detached-task]
  // CHECK-MESSAGES: :[[@LINE-20]]:8: note: the handler never reads its std::exception_ptr parameter
}

// Clean: the wrapped handler looks at the exception.
struct logging_handler {
  void operator()(std::exception_ptr e) const { log_failure(e); }
};

void wrapped_and_read(asio::io_context &io,
                      asio::cancellation_signal &signal) {
  asio::co_spawn(io, session(),
                 asio::bind_cancellation_slot(
                     signal.slot(), [](std::exception_ptr e) {
                       if (e)
                         std::rethrow_exception(e);
                     }));
  auto logged = [](std::exception_ptr e) { log_failure(e); };
  asio::co_spawn(io, session(),
                 asio::bind_cancellation_slot(signal.slot(), logged));
  asio::co_spawn(io, session(),
                 asio::bind_executor(io.get_executor(), logging_handler{}));
}

// Clean: the handler looks at the exception, or the outcome is awaited.
asio::awaitable<void> tracked(asio::io_context &io) {
  asio::co_spawn(io, session(), [](std::exception_ptr e) {
    if (e)
      std::rethrow_exception(e);
  });
  asio::co_spawn(io, session(), [](std::exception_ptr e) { log_failure(e); });
  asio::co_spawn(io, answer(), [](auto e, int) {
    if (e)
      std::rethrow_exception(e);
  });
  auto handler = [](std::exception_ptr e) { log_failure(e); };
  asio::co_spawn(io, session(), handler);
  co_await asio::co_spawn(io, session(), asio::use_awaitable);
  auto future = asio::co_spawn(io, answer(), asio::use_future);
  future.wait();
}
