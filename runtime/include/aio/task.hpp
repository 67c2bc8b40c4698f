#pragma once

// aio::task<T>: a lazy coroutine. Nothing runs until the task is awaited or
// handed to create_task / spawn / run. Awaiting resumes the child by
// symmetric transfer and the child resumes its awaiter the same way, so deep
// chains of awaits use constant stack.

#include "aio/detail/frame_allocator.hpp"
#include "aio/detail/task_state.hpp"
#include "aio/errors.hpp"

#include <coroutine>
#include <exception>
#include <optional>
#include <source_location>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace aio {

template <class T = void> class task;

namespace detail {

struct initial_awaiter {
  task_state *self;

  [[nodiscard]] bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  // A root cancelled before its first step never runs its body.
  void await_resume() const {
    if (self->is_root && self->cancel_requested) {
      self->cancel_requested = false;
      self->cancel_delivered = true;
      throw cancelled_error{};
    }
  }
};

struct final_awaiter {
  [[nodiscard]] bool await_ready() const noexcept { return false; }

  template <class Promise>
  std::coroutine_handle<>
  await_suspend(std::coroutine_handle<Promise> h) const noexcept {
    task_state &self = h.promise();
    if (self.continuation) {
      return self.continuation;
    }
    if (self.is_root) {
      self.complete(); // may destroy this frame; touch nothing after it
    }
    return std::noop_coroutine();
  }

  void await_resume() const noexcept {}
};

[[noreturn, gnu::cold, gnu::noinline]] inline void throw_result_taken() {
  throw std::logic_error("aio: the result of a task was already taken");
}

class promise_common : public task_state {
public:
  explicit promise_common(std::source_location loc) noexcept {
    defined_at = loc;
  }

  [[nodiscard]] initial_awaiter initial_suspend() noexcept { return {this}; }
  [[nodiscard]] final_awaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { exception = std::current_exception(); }

  static void *operator new(std::size_t size) { return allocate_frame(size); }
  static void operator delete(void *frame, std::size_t size) noexcept {
    deallocate_frame(frame, size);
  }

protected:
  void rethrow_if_failed() const {
    if (exception) {
      std::rethrow_exception(exception);
    }
  }
};

template <class T> class task_promise final : public promise_common {
public:
  // The default argument is evaluated in the coroutine, so it names the
  // coroutine function and where it is defined.
  explicit task_promise(
      std::source_location loc = std::source_location::current()) noexcept
      : promise_common(loc) {}

  // Inlined into the coroutine's ramp, so the return address is the caller.
  [[gnu::always_inline]] task<T> get_return_object() noexcept;

  template <class U = T>
    requires std::is_convertible_v<U &&, T>
  void return_value(U &&value) {
    value_.emplace(std::forward<U>(value));
  }

  // The value moves out once: asking again is a bug to report, not a
  // moved-from value to hand out. A failure is rethrown every time.
  T take_result() {
    rethrow_if_failed();
    if (!value_) [[unlikely]] {
      throw_result_taken();
    }
    T result = std::move(*value_);
    value_.reset();
    return result;
  }

  [[nodiscard]] bool has_value() const noexcept { return value_.has_value(); }

private:
  std::optional<T> value_;
};

template <> class task_promise<void> final : public promise_common {
public:
  explicit task_promise(
      std::source_location loc = std::source_location::current()) noexcept
      : promise_common(loc) {}

  [[gnu::always_inline]] task<void> get_return_object() noexcept;

  void return_void() noexcept {}

  void take_result() const { rethrow_if_failed(); }
};

// How deep this thread is in destroying task frames that never started. The
// unstarted tasks an unstarted frame holds (the arguments of wait_for or
// gather) go with it, and belong to its never-awaited report.
inline thread_local int unstarted_destructions = 0;

[[noreturn, gnu::cold, gnu::noinline]] inline void throw_bad_await(bool empty) {
  throw std::logic_error(empty ? "aio: awaiting an empty task"
                               : "aio: a task can be awaited only once");
}

// Lets the runtime take ownership of a task's frame.
struct task_access {
  template <class T>
  static std::coroutine_handle<task_promise<T>> release(task<T> &t) noexcept {
    return std::exchange(t.handle_, {});
  }

  // For the calls that make `t` a root task; `operation` names the call in
  // errors. A task that was already awaited has run (or is running) as a
  // child and cannot start again.
  template <class T>
  static std::coroutine_handle<task_promise<T>>
  release_unstarted(task<T> &t, const char *operation) {
    if (!t.handle_) {
      throw std::invalid_argument(std::string("aio: ") + operation +
                                  " on an empty task");
    }
    if (t.handle_.promise().started) [[unlikely]] {
      // A finished frame goes with `t`; one still running belongs to the
      // co_await that runs it, so it must not be destroyed under it.
      if (!t.handle_.done()) {
        (void)release(t);
      }
      throw std::logic_error(std::string("aio: ") + operation +
                             " on a task that was already awaited");
    }
    return release(t);
  }
};

} // namespace detail

template <class T> class [[nodiscard]] task {
public:
  using promise_type = detail::task_promise<T>;
  using value_type = T;

  task() noexcept = default;
  task(task &&other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  task &operator=(task &&other) noexcept {
    if (this != &other) {
      reset();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  task(const task &) = delete;
  task &operator=(const task &) = delete;
  ~task() { reset(); }

  [[nodiscard]] bool valid() const noexcept { return bool(handle_); }

  class awaiter {
  public:
    explicit awaiter(std::coroutine_handle<promise_type> h) noexcept
        : handle_(h) {}

    [[nodiscard]] bool await_ready() const {
      if (!handle_ || handle_.promise().started) [[unlikely]] {
        detail::throw_bad_await(!handle_);
      }
      return false;
    }

    std::coroutine_handle<>
    await_suspend(std::coroutine_handle<> awaiting) const noexcept {
      promise_type &p = handle_.promise();
      p.continuation = awaiting;
      p.started = true;
      return handle_;
    }

    T await_resume() const { return handle_.promise().take_result(); }

  private:
    std::coroutine_handle<promise_type> handle_;
  };

  awaiter operator co_await() & noexcept { return awaiter{handle_}; }
  awaiter operator co_await() && noexcept { return awaiter{handle_}; }

private:
  friend struct detail::task_access;
  friend promise_type;

  explicit task(std::coroutine_handle<promise_type> h) noexcept : handle_(h) {}

  // A frame destroyed unstarted reports itself (see ~task_state), so the
  // handle never escapes here and the compiler may elide the frame.
  void reset() noexcept {
    if (handle_) {
      auto handle = std::exchange(handle_, {});
      if (!handle.promise().started) [[unlikely]] {
        ++detail::unstarted_destructions;
        handle.destroy();
        --detail::unstarted_destructions;
      } else {
        handle.destroy();
      }
    }
  }

  std::coroutine_handle<promise_type> handle_;
};

namespace detail {

template <class T>
[[gnu::always_inline]] inline task<T>
task_promise<T>::get_return_object() noexcept {
  call_site = __builtin_return_address(0);
  return task<T>{std::coroutine_handle<task_promise>::from_promise(*this)};
}

[[gnu::always_inline]] inline task<void>
task_promise<void>::get_return_object() noexcept {
  call_site = __builtin_return_address(0);
  return task<void>{std::coroutine_handle<task_promise>::from_promise(*this)};
}

} // namespace detail

} // namespace aio
