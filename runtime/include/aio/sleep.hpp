#pragma once

// aio::sleep / sleep_until park the task on a timer; aio::yield() lets every
// other ready task run once. Both are cancellation points.

#include "aio/clock.hpp"
#include "aio/detail/timer_heap.hpp"
#include "aio/detail/waiter.hpp"

#include <chrono>
#include <coroutine>

namespace aio {

namespace detail {

class sleep_awaiter final : public parked_waiter, public timer_node {
public:
  explicit sleep_awaiter(duration d) noexcept : delay_(d) {}
  struct until_tag {};
  sleep_awaiter(until_tag, time_point t) noexcept
      : absolute_(true), until_(t) {}
  sleep_awaiter(sleep_awaiter &&) noexcept = default;
  ~sleep_awaiter() {
    if (queued()) {
      loop_->remove_timer(*this);
    }
  }

  [[nodiscard]] bool await_ready() const noexcept { return false; }

  bool await_suspend(std::coroutine_handle<> handle) {
    if (!park(handle)) {
      return false;
    }
    deadline = absolute_ ? until_ : saturating_add(loop_->now(), delay_);
    loop_->add_timer(*this);
    return true;
  }

  void await_resume() { finish(); }

  void fire() noexcept override { wake(); }

  void cancel() noexcept override {
    loop_->remove_timer(*this);
    wake_cancelled();
  }

private:
  duration delay_{};
  bool absolute_ = false;
  time_point until_{};
};

class yield_awaiter final : public parked_waiter {
public:
  [[nodiscard]] bool await_ready() const noexcept { return false; }

  bool await_suspend(std::coroutine_handle<> handle) {
    if (!park(handle)) {
      return false;
    }
    loop_->schedule(handle, task_);
    return true;
  }

  void await_resume() { finish(); }

  // Already queued to resume: just make that resumption throw.
  void cancel() noexcept override {
    cancelled_ = true;
    if (task_ != nullptr) {
      task_->cancel_delivered = true;
    }
  }
};

} // namespace detail

// Suspends the calling task for `d` of loop time; durations too long for
// the clock (e.g. hours::max()) sleep until cancelled.
template <class Rep, class Period>
[[nodiscard]] detail::sleep_awaiter
sleep(std::chrono::duration<Rep, Period> d) noexcept {
  return detail::sleep_awaiter{saturating_duration(d)};
}

// Suspends the calling task until the loop's clock reaches `t`
// (aio::never: until cancelled).
[[nodiscard]] inline detail::sleep_awaiter sleep_until(time_point t) noexcept {
  return detail::sleep_awaiter{detail::sleep_awaiter::until_tag{}, t};
}

// Lets the other ready tasks run, then continues.
[[nodiscard]] inline detail::yield_awaiter yield() noexcept { return {}; }

} // namespace aio
