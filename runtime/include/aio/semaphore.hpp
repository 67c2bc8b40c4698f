#pragma once

// aio::semaphore, like asyncio.Semaphore but strictly FIFO: release() hands
// the permit to the longest waiter, so a stream of newcomers cannot starve it.

#include "aio/detail/waiter_list.hpp"

#include <coroutine>
#include <cstddef>

namespace aio {

class semaphore {
public:
  explicit semaphore(std::size_t permits) noexcept : permits_(permits) {}
  semaphore(const semaphore &) = delete;
  semaphore &operator=(const semaphore &) = delete;

  class acquire_awaiter final : public detail::fifo_waiter {
  public:
    explicit acquire_awaiter(semaphore &s) noexcept : sem_(&s) {}
    acquire_awaiter(acquire_awaiter &&) noexcept = default;
    // Granted a permit but destroyed before resuming: give it back.
    ~acquire_awaiter() {
      if (grant_abandoned()) {
        sem_->release();
      }
    }
    [[nodiscard]] bool await_ready() noexcept { return sem_->try_acquire(); }
    bool await_suspend(std::coroutine_handle<> handle) {
      if (!park(handle)) {
        return false;
      }
      sem_->waiters_.push_back(*this);
      return true;
    }
    void await_resume() { finish(); }

  private:
    semaphore *sem_;
  };

  [[nodiscard]] acquire_awaiter acquire() noexcept {
    return acquire_awaiter{*this};
  }

  [[nodiscard]] bool try_acquire() noexcept {
    if (permits_ == 0 || !waiters_.empty()) {
      return false;
    }
    --permits_;
    return true;
  }

  void release() noexcept {
    if (acquire_awaiter *w = waiters_.pop_front()) {
      w->grant(granted_); // the permit passes straight to the waiter
    } else {
      ++permits_;
    }
  }

  [[nodiscard]] std::size_t available() const noexcept { return permits_; }
  [[nodiscard]] std::size_t waiting() const noexcept { return waiters_.size(); }

private:
  detail::waiter_fifo<acquire_awaiter> waiters_;
  detail::granted_list granted_;
  std::size_t permits_;
};

} // namespace aio
