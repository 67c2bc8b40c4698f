#pragma once

// aio::event, like asyncio.Event: wait() suspends until set() is called;
// set() releases every waiter and later waits pass straight through until
// clear().

#include "aio/detail/waiter_list.hpp"

#include <coroutine>

namespace aio {

class event {
public:
  event() = default;
  event(const event &) = delete;
  event &operator=(const event &) = delete;

  class wait_awaiter final : public detail::fifo_waiter {
  public:
    explicit wait_awaiter(event &e) noexcept : event_(&e) {}
    [[nodiscard]] bool await_ready() const noexcept { return event_->set_; }
    bool await_suspend(std::coroutine_handle<> handle) {
      if (!park(handle)) {
        return false;
      }
      event_->waiters_.push_back(*this);
      return true;
    }
    void await_resume() { finish(); }

  private:
    event *event_;
  };

  [[nodiscard]] wait_awaiter wait() noexcept { return wait_awaiter{*this}; }

  void set() noexcept {
    set_ = true;
    while (wait_awaiter *w = waiters_.pop_front()) {
      w->grant();
    }
  }
  void clear() noexcept { set_ = false; }
  [[nodiscard]] bool is_set() const noexcept { return set_; }

private:
  detail::waiter_fifo<wait_awaiter> waiters_;
  bool set_ = false;
};

} // namespace aio
