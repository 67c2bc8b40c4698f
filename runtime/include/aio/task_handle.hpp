#pragma once

// create_task schedules a task on the running loop at once and returns a
// handle to await, cancel or inspect it; spawn_detached schedules
// fire-and-forget work whose failure goes to the loop's exception handler.

#include "aio/detail/task_state.hpp"
#include "aio/detail/waiter.hpp"
#include "aio/event_loop.hpp"
#include "aio/task.hpp"

#include <coroutine>
#include <exception>
#include <source_location>
#include <stdexcept>
#include <utility>

namespace aio {

template <class T> class task_handle;

namespace detail {

template <class T> task_state &handle_state(task_handle<T> &handle) noexcept;
template <class T>
task_handle<T> start_task(task<T> &t, std::source_location where,
                          const char *operation);

inline event_loop &running_loop_or_throw(const char *what) {
  event_loop *loop = event_loop::current();
  if (loop == nullptr) {
    throw std::logic_error(std::string("aio: ") + what +
                           " needs a running event loop");
  }
  return *loop;
}

// Waits for a root task to finish. With `propagate`, cancelling the waiting
// task cancels the awaited one (as awaiting an asyncio.Task does); without
// it (shield), the waiter leaves at once and the awaited task runs on.
template <class T>
class handle_awaiter final : public parked_waiter, public done_listener {
public:
  handle_awaiter(std::coroutine_handle<task_promise<T>> target,
                 bool propagate) noexcept
      : target_(target), propagate_(propagate) {
    if (propagate_) {
      awaited_task_ = &target_.promise();
    } else {
      shields_ = true;
    }
  }

  [[nodiscard]] bool await_ready() const noexcept {
    return target_.promise().done;
  }

  bool await_suspend(std::coroutine_handle<> handle) {
    task_state *waiting = propagate_ ? current_task() : nullptr;
    if (waiting != nullptr && waiting->cancel_requested) {
      // A cancellation already pending goes to the awaited task too, as
      // asyncio does; the waiter then stays as in cancel().
      waiting->cancel_requested = false;
      (void)park(handle);
      target_.promise().links.listeners.push_back(*this);
      cancel();
      return true;
    }
    if (!park(handle)) {
      return false;
    }
    target_.promise().links.listeners.push_back(*this);
    return true;
  }

  T await_resume() {
    finish();
    task_state &target = target_.promise();
    target.observed = true;
    if (forwarded_cancel_ && target.ended_cancelled && task_ != nullptr) {
      task_->cancel_delivered = true;
    }
    return target_.promise().take_result();
  }

  void cancel() noexcept override {
    if (task_state *next = cancel_and_forward()) {
      next->request_cancel();
    }
  }

  task_state *cancel_and_forward() noexcept override {
    if (!propagate_) {
      done_listener::unlink();
      wake_cancelled();
      return nullptr;
    }
    // Keep waiting: the awaited task decides how it ends.
    forwarded_cancel_ = true;
    task_->parked = this;
    return &target_.promise();
  }

  void on_done() noexcept override { wake(); }

private:
  std::coroutine_handle<task_promise<T>> target_;
  bool propagate_;
  bool forwarded_cancel_ = false;
};

} // namespace detail

template <class T> class task_handle {
public:
  using value_type = T;

  task_handle() noexcept = default;
  task_handle(task_handle &&other) noexcept
      : handle_(std::exchange(other.handle_, {})) {}
  task_handle &operator=(task_handle &&other) noexcept {
    if (this != &other) {
      reset();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  task_handle(const task_handle &) = delete;
  task_handle &operator=(const task_handle &) = delete;
  // Dropping a handle does not stop the task; it runs to completion.
  ~task_handle() { reset(); }

  [[nodiscard]] bool valid() const noexcept { return bool(handle_); }
  [[nodiscard]] bool done() const noexcept { return state().done; }
  [[nodiscard]] bool cancelled() const noexcept {
    return state().done && state().ended_cancelled;
  }

  // Requests cancellation: the task's current or next suspension point
  // throws aio::cancelled_error. Returns false if it already finished.
  bool cancel() noexcept { return state().request_cancel(); }

  // The finished task's value (moved out), or its exception rethrown.
  T result() {
    if (!done()) {
      throw std::logic_error("aio: task_handle::result on a pending task");
    }
    state().observed = true;
    return handle_.promise().take_result();
  }

  // The finished task's exception, or nullptr.
  [[nodiscard]] std::exception_ptr exception() noexcept {
    state().observed = true;
    return state().exception;
  }

  detail::handle_awaiter<T> operator co_await() const noexcept {
    return detail::handle_awaiter<T>{handle_, true};
  }

private:
  template <class U>
  friend task_handle<U> detail::start_task(task<U> &, std::source_location,
                                           const char *);
  template <class U> friend class shield_awaitable;
  template <class U>
  friend detail::task_state &detail::handle_state(task_handle<U> &) noexcept;

  explicit task_handle(
      std::coroutine_handle<detail::task_promise<T>> h) noexcept
      : handle_(h) {}

  [[nodiscard]] detail::task_state &state() const noexcept {
    return handle_.promise();
  }

  void reset() noexcept {
    if (handle_) {
      std::exchange(handle_, {}).promise().release();
    }
  }

  std::coroutine_handle<detail::task_promise<T>> handle_;
};

template <class T>
detail::task_state &detail::handle_state(task_handle<T> &handle) noexcept {
  return handle.state();
}

// create_task under the name of the call that uses it, for errors.
template <class T>
task_handle<T> detail::start_task(task<T> &t, std::source_location where,
                                  const char *operation) {
  event_loop &loop = running_loop_or_throw(operation);
  auto handle = task_access::release_unstarted(t, operation);
  handle.promise().started = true;
  loop.adopt(handle.promise(), handle, where);
  handle.promise().add_ref();
  return task_handle<T>{handle};
}

// Schedules `t` on the running loop; its first step runs on the next loop
// iteration. `where` names the task in debug reports.
template <class T>
task_handle<T>
create_task(task<T> t,
            std::source_location where = std::source_location::current()) {
  return detail::start_task(t, where, "create_task");
}

// Fire-and-forget: the loop owns the task; if it fails, the exception goes to
// loop_options::on_exception.
template <class T>
void spawn_detached(
    task<T> t, std::source_location where = std::source_location::current()) {
  event_loop &loop = detail::running_loop_or_throw("spawn_detached");
  auto handle = detail::task_access::release_unstarted(t, "spawn_detached");
  handle.promise().started = true;
  loop.adopt(handle.promise(), handle, where);
  handle.promise().detached = true;
}

} // namespace aio
