// libcoro's names and signatures (coro::task, coro::generator, the scheduler's
// timer), written for the tests from libcoro's headers, with just
// enough of a promise to write coroutines. Nothing here runs.
#ifndef ASYNC_LINT_TEST_MOCK_LIBCORO_H
#define ASYNC_LINT_TEST_MOCK_LIBCORO_H

#include <chrono>
#include <coroutine>
#include <exception>

namespace coro {

template <typename return_type = void> class task;

namespace detail {
struct promise_base {
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() { std::terminate(); }
};
} // namespace detail

template <typename return_type> class task {
public:
  struct promise_type : detail::promise_base {
    task get_return_object() noexcept;
    void return_value(return_type) noexcept;
  };
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  return_type await_resume();
};

template <> class task<void> {
public:
  struct promise_type : detail::promise_base {
    task get_return_object() noexcept;
    void return_void() noexcept;
  };
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  void await_resume();
};

template <typename T> class generator {
public:
  struct promise_type {
    generator get_return_object() noexcept;
    std::suspend_always initial_suspend() const { return {}; }
    std::suspend_always final_suspend() const noexcept { return {}; }
    std::suspend_always yield_value(T) noexcept;
    void return_void() noexcept;
    void unhandled_exception();
  };
};

class scheduler {
public:
  template <class rep_type, class period_type>
  [[nodiscard]] auto yield_for(std::chrono::duration<rep_type, period_type>)
      -> coro::task<void>;
};

} // namespace coro

#endif
