#pragma once

// Common base of the awaitables that park a task: it records which root task
// is parked and how to resume it, and turns a cancel() into a resumption
// that throws aio::cancelled_error.

#include "aio/detail/task_state.hpp"
#include "aio/errors.hpp"
#include "aio/event_loop.hpp"

#include <coroutine>
#include <memory>
#include <stdexcept>

namespace aio {
class task_group;
}

namespace aio::detail {

// Debug mode: a timer on a parked wait that reports it when it outlasts its
// bound (slow-cancellation-cleanup, io-without-deadline).
class wait_watch;
struct wait_watch_deleter {
  void operator()(wait_watch *watch) const noexcept;
};

// Every `suspension` a task parks in is a parked_waiter.
class parked_waiter : public suspension {
public:
  parked_waiter() = default;
  // Awaitables may be moved (e.g. into wait_for) only before being awaited.
  parked_waiter(parked_waiter &&) noexcept = default;
  parked_waiter &operator=(parked_waiter &&) = delete;

  // For the debug detectors: what this wait waits for and forwards
  // cancellation to (a task or a group's children), and whether it has a
  // deadline of its own or shields what it awaits from cancellation.
  [[nodiscard]] const task_state *waiting_task() const noexcept {
    return task_;
  }
  [[nodiscard]] const task_state *awaited_task() const noexcept {
    return awaited_task_;
  }
  [[nodiscard]] const task_group *awaited_group() const noexcept {
    return awaited_group_;
  }
  [[nodiscard]] bool has_deadline() const noexcept { return has_deadline_; }
  [[nodiscard]] bool shields() const noexcept { return shields_; }

  // Debug mode: watches this network wait, in the coroutine `frame`, for
  // lasting longer than loop_options::io_idle_bound with no deadline.
  void watch_network_wait(const task_state &frame,
                          const char *operation) noexcept;

protected:
  ~parked_waiter() { unpark(); }

  // From await_suspend. Returns false if a cancellation is pending: the
  // coroutine then continues at once and finish() throws. Inlined, so the
  // return address is the awaiting coroutine's suspension point.
  [[gnu::always_inline]] bool park(std::coroutine_handle<> handle) {
    loop_ = event_loop::current();
    if (loop_ == nullptr) {
      throw std::logic_error("aio: awaiting outside a running event loop");
    }
    handle_ = handle;
    task_ = loop_->running_task();
    if (task_ != nullptr && task_->cancel_requested) {
      task_->cancel_requested = false;
      cancelled_ = true;
      return false;
    }
    if (task_ != nullptr) {
      task_->parked = this;
      if (task_->cancel_delivered && loop_->debug()) [[unlikely]] {
        watch_cancelled_wait(__builtin_return_address(0));
      }
    }
    return true;
  }

  // The awaited thing happened: resume normally.
  void wake() noexcept {
    unpark();
    loop_->schedule(handle_, task_);
  }

  // From cancel(): resume with cancelled_error.
  void wake_cancelled() noexcept {
    cancelled_ = true;
    unpark();
    loop_->schedule(handle_, task_);
  }

  // From await_resume.
  void finish() {
    unpark();
    if (cancelled_) {
      // Marked here, where it is thrown: an awaiter that takes the pending
      // cancellation elsewhere (passes it on to a child) delivers nothing.
      if (task_ != nullptr) {
        task_->cancel_delivered = true;
      }
      throw cancelled_error{};
    }
  }

  void unpark() noexcept {
    if (task_ != nullptr && task_->parked == this) {
      task_->parked = nullptr;
    }
    if (watch_) [[unlikely]] {
      watch_.reset();
    }
  }

  [[nodiscard]] bool was_cancelled() const noexcept { return cancelled_; }

  std::coroutine_handle<> handle_;
  task_state *task_ = nullptr;
  event_loop *loop_ = nullptr;
  bool cancelled_ = false;
  // Set by the waits for a task or a group.
  const task_state *awaited_task_ = nullptr;
  const task_group *awaited_group_ = nullptr;
  bool has_deadline_ = false;
  bool shields_ = false;

private:
  friend class wait_watch;

  // Debug mode: a task that caught its cancellation parks here; watches the
  // wait for outlasting loop_options::cancellation_cleanup_grace. Its own
  // return address lies in park(), inlined where await_suspend is; with
  // await_suspend inlined too, that names the awaiting line, else
  // `await_site`, the return address of await_suspend, does.
  [[gnu::cold, gnu::noinline]] void
  watch_cancelled_wait(const void *await_site) noexcept;

  std::unique_ptr<wait_watch, wait_watch_deleter> watch_;
};

} // namespace aio::detail
