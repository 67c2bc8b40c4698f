// Declarations with the real names and signatures of Seastar, which Debian
// does not package: its future (a coroutine's return type), sleep,
// with_timeout, gate, semaphore, parallel_for_each, abort_source and the
// calls that run the reactor. Only declared (a template that takes a
// callable has a trivial body, since a lambda has no linkage): the tests
// analyse, never link.
#ifndef ASYNC_LINT_TEST_MOCK_SEASTAR_H
#define ASYNC_LINT_TEST_MOCK_SEASTAR_H

#include <chrono>
#include <coroutine>
#include <cstddef>
#include <exception>
#include <functional>
#include <stdexcept>
#include <type_traits>

namespace seastar {

template <typename T = void>
class future;

namespace internal {
template <typename T>
struct future_awaiter {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  T await_resume();
};
// A coroutine returning a future runs from the call: its promise does not
// suspend at the start.
template <typename T>
struct coroutine_promise {
  future<T> get_return_object() noexcept;
  std::suspend_never initial_suspend() noexcept;
  std::suspend_never final_suspend() noexcept;
  void unhandled_exception() noexcept;
  template <typename V>
  void return_value(V &&value);
};
template <>
struct coroutine_promise<void> {
  future<void> get_return_object() noexcept;
  std::suspend_never initial_suspend() noexcept;
  std::suspend_never final_suspend() noexcept;
  void unhandled_exception() noexcept;
  void return_void() noexcept;
};
} // namespace internal

template <typename T>
class [[nodiscard]] future {
public:
  using promise_type = internal::coroutine_promise<T>;
  future(future &&x) noexcept;
  ~future();
  // Waits for the value: allowed only inside a seastar::thread.
  T get();
  void wait() noexcept;
  bool available() const noexcept;
  internal::future_awaiter<T> operator co_await() && noexcept;
};

template <typename T = void>
future<T> make_ready_future();

using steady_clock_type = std::chrono::steady_clock;
using lowres_clock = std::chrono::steady_clock;

template <typename Clock = steady_clock_type, typename Rep, typename Period>
future<> sleep(std::chrono::duration<Rep, Period> dur);

class abort_source {
public:
  void request_abort();
  bool abort_requested() const noexcept;
};
class abort_requested_exception : public std::exception {};
class sleep_aborted : public abort_requested_exception {};
class timed_out_error : public std::exception {};

template <typename Clock = steady_clock_type>
future<> sleep_abortable(typename Clock::duration dur, abort_source &as);

template <typename Clock, typename Duration, typename T>
future<T> with_timeout(std::chrono::time_point<Clock, Duration> timeout,
                       future<T> f);

class gate {
public:
  class holder {};
  void enter();
  void leave() noexcept;
  holder hold();
  future<> close() noexcept;
};
template <typename Func>
auto with_gate(gate &g, Func &&func) -> decltype(func()) {
  return func();
}
template <typename Func>
auto try_with_gate(gate &g, Func &&func) -> decltype(func()) {
  return func();
}

struct semaphore_default_exception_factory {};
template <typename ExceptionFactory, typename Clock = steady_clock_type>
class basic_semaphore {
public:
  explicit basic_semaphore(std::size_t count);
  future<> wait(std::size_t nr = 1) noexcept;
  void signal(std::size_t nr = 1) noexcept;
};
using semaphore = basic_semaphore<semaphore_default_exception_factory>;
template <typename ExceptionFactory = semaphore_default_exception_factory,
          typename Clock = steady_clock_type>
class semaphore_units {
public:
  semaphore_units(semaphore_units &&) noexcept;
  ~semaphore_units();
};
template <typename ExceptionFactory, typename Clock>
future<semaphore_units<ExceptionFactory, Clock>>
get_units(basic_semaphore<ExceptionFactory, Clock> &sem, std::size_t units);

template <typename Range, typename Func>
future<> parallel_for_each(Range &&range, Func &&func) noexcept {
  return make_ready_future<>();
}
template <typename Range, typename Func>
future<> max_concurrent_for_each(Range &&range, std::size_t max_concurrent,
                                 Func &&func) noexcept {
  return make_ready_future<>();
}

class shared_mutex {
public:
  future<> lock();
  void unlock();
  future<> lock_shared();
  void unlock_shared();
};

class condition_variable {
public:
  future<> wait() noexcept;
  void signal() noexcept;
};

class socket_address {};
class connected_socket {};
struct accept_result {
  connected_socket connection;
  socket_address remote_address;
};
future<connected_socket> connect(socket_address sa);
class server_socket {
public:
  future<accept_result> accept();
};

class reactor {
public:
  int run() noexcept;
};
reactor &engine();

class app_template {
public:
  int run(int ac, char **av, std::function<future<int>()> &&func);
};

} // namespace seastar

#endif
