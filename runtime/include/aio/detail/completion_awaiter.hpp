#pragma once

// Waits until a root task finishes or an optional deadline passes. Cancelling
// the waiting task (or a cancellation pending when it starts waiting)
// forwards the cancellation to the awaited one and keeps waiting, so the
// awaited task always finishes before the waiter moves on.

#include "aio/clock.hpp"
#include "aio/detail/task_state.hpp"
#include "aio/detail/timer_heap.hpp"
#include "aio/detail/waiter.hpp"

#include <coroutine>
#include <optional>

namespace aio::detail {

class completion_awaiter final : public parked_waiter,
                                 public done_listener,
                                 public timer_node {
public:
  explicit completion_awaiter(task_state &target,
                              std::optional<time_point> deadline = {}) noexcept
      : target_(&target), limit_(deadline) {
    awaited_task_ = target_;
    has_deadline_ = limit_.has_value();
  }
  completion_awaiter(completion_awaiter &&) noexcept = default;
  ~completion_awaiter() {
    if (queued()) {
      loop_->remove_timer(*this);
    }
  }

  [[nodiscard]] bool await_ready() const noexcept { return target_->done; }

  bool await_suspend(std::coroutine_handle<> handle) {
    // A cancellation already pending goes to the awaited task, as in
    // cancel(); taking it off first keeps park() from marking the waiter as
    // having received it, since the awaited task may catch it.
    task_state *waiting = current_task();
    const bool pending_cancel = waiting != nullptr && waiting->cancel_requested;
    if (pending_cancel) {
      waiting->cancel_requested = false;
    }
    (void)park(handle);
    target_->links.listeners.push_back(*this);
    if (limit_) {
      deadline = *limit_;
      loop_->add_timer(*this);
    }
    if (pending_cancel) {
      cancel();
    }
    return true;
  }

  // True if the task finished, false if the deadline passed first.
  bool await_resume() noexcept {
    unpark();
    if (forwarded_ && target_->ended_cancelled && task_ != nullptr) {
      task_->cancel_delivered = true;
    }
    return target_->done;
  }

  void on_done() noexcept override {
    if (queued()) {
      loop_->remove_timer(*this);
    }
    wake();
  }

  void fire() noexcept override {
    done_listener::unlink();
    wake();
  }

  void cancel() noexcept override {
    if (task_state *next = cancel_and_forward()) {
      next->request_cancel();
    }
  }

  // Keeps waiting and hands the awaited task back to request_cancel, which
  // cancels it next: a chain of nested waits is walked in a loop.
  task_state *cancel_and_forward() noexcept override {
    forwarded_ = true;
    if (task_ != nullptr) {
      task_->parked = this;
    }
    return target_;
  }

  // For the stuck-await check: bounded while the deadline's timer is queued.
  [[nodiscard]] bool has_deadline() const noexcept override { return queued(); }

private:
  task_state *target_;
  std::optional<time_point> limit_;
  bool forwarded_ = false;
};

} // namespace aio::detail
