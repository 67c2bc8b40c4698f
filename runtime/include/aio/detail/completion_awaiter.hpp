#pragma once

// Waits until a root task finishes or an optional deadline passes. Cancelling
// the waiting task forwards the cancellation to the awaited one and keeps
// waiting, so the awaited task always finishes before the waiter moves on.

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
      : target_(&target), limit_(deadline) {}
  completion_awaiter(completion_awaiter &&) noexcept = default;
  ~completion_awaiter() {
    if (queued()) {
      loop_->remove_timer(*this);
    }
  }

  [[nodiscard]] bool await_ready() const noexcept { return target_->done; }

  bool await_suspend(std::coroutine_handle<> handle) {
    if (!park(handle)) {
      // Pending cancellation: pass it on and wait like any other time.
      cancelled_ = false;
      forward_cancel();
    }
    target_->links.listeners.push_back(*this);
    if (limit_) {
      deadline = *limit_;
      loop_->add_timer(*this);
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

  void cancel() noexcept override { forward_cancel(); }

  [[nodiscard]] bool has_deadline() const noexcept override { return queued(); }

private:
  void forward_cancel() noexcept {
    forwarded_ = true;
    if (task_ != nullptr) {
      task_->parked = this;
    }
    target_->request_cancel();
  }

  task_state *target_;
  std::optional<time_point> limit_;
  bool forwarded_ = false;
};

} // namespace aio::detail
