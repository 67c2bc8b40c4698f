// A minimal coroutine task type for check tests that need no runtime.
#ifndef ASYNC_LINT_TEST_DEMO_TASK_H
#define ASYNC_LINT_TEST_DEMO_TASK_H

#include <coroutine>
#include <exception>

namespace demo {

template <typename T = void>
struct task;

template <typename T>
struct task_promise_base {
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() { std::terminate(); }
};

template <typename T>
struct task {
  struct promise_type : task_promise_base<T> {
    T value{};
    task get_return_object() {
      return task{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    void return_value(T v) { value = v; }
  };
  std::coroutine_handle<promise_type> handle;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() { return handle.promise().value; }
};

template <>
struct task<void> {
  struct promise_type : task_promise_base<void> {
    task get_return_object() {
      return task{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    void return_void() {}
  };
  std::coroutine_handle<promise_type> handle;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() {}
};

// An awaitable that completes at once, standing for any asynchronous call.
struct ready {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

} // namespace demo

#endif
