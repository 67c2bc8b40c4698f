#pragma once

// Common base of the awaitables that park a task: it records which root task
// is parked and how to resume it, and turns a cancel() into a resumption
// that throws aio::cancelled_error.

#include "aio/detail/task_state.hpp"
#include "aio/errors.hpp"
#include "aio/event_loop.hpp"

#include <coroutine>
#include <stdexcept>

namespace aio::detail {

class parked_waiter : public suspension {
public:
  parked_waiter() = default;
  // Awaitables may be moved (e.g. into wait_for) only before being awaited.
  parked_waiter(parked_waiter &&) noexcept = default;
  parked_waiter &operator=(parked_waiter &&) = delete;

protected:
  ~parked_waiter() { unpark(); }

  // From await_suspend. Returns false if a cancellation is pending: the
  // coroutine then continues at once and finish() throws.
  bool park(std::coroutine_handle<> handle) {
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
  }

  [[nodiscard]] bool was_cancelled() const noexcept { return cancelled_; }

  std::coroutine_handle<> handle_;
  task_state *task_ = nullptr;
  event_loop *loop_ = nullptr;
  bool cancelled_ = false;
};

} // namespace aio::detail
