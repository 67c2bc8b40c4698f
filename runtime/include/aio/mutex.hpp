#pragma once

// aio::mutex: FIFO async mutex. Prefer scoped_lock(), which returns a guard
// that unlocks on every path out of the critical section.
//
//   auto guard = co_await m.scoped_lock();

#include "aio/detail/waiter_list.hpp"

#include <coroutine>
#include <utility>

namespace aio {

class mutex {
public:
  mutex() = default;
  mutex(const mutex &) = delete;
  mutex &operator=(const mutex &) = delete;

  class [[nodiscard]] guard {
  public:
    guard() noexcept = default;
    explicit guard(mutex &m) noexcept : mutex_(&m) {}
    guard(guard &&other) noexcept
        : mutex_(std::exchange(other.mutex_, nullptr)) {}
    guard &operator=(guard &&other) noexcept {
      if (this != &other) {
        unlock();
        mutex_ = std::exchange(other.mutex_, nullptr);
      }
      return *this;
    }
    ~guard() { unlock(); }
    void unlock() noexcept {
      if (mutex_ != nullptr) {
        std::exchange(mutex_, nullptr)->unlock();
      }
    }
    [[nodiscard]] bool owns_lock() const noexcept { return mutex_ != nullptr; }

  private:
    mutex *mutex_ = nullptr;
  };

  class lock_awaiter : public detail::fifo_waiter {
  public:
    explicit lock_awaiter(mutex &m) noexcept : mutex_(&m) {}
    lock_awaiter(lock_awaiter &&) noexcept = default;
    // Granted the lock but destroyed before resuming: pass it on.
    ~lock_awaiter() {
      if (grant_abandoned()) {
        mutex_->unlock();
      }
    }
    [[nodiscard]] bool await_ready() noexcept { return mutex_->try_lock(); }
    bool await_suspend(std::coroutine_handle<> handle) {
      if (!park(handle)) {
        return false;
      }
      mutex_->waiters_.push_back(*this);
      return true;
    }
    void await_resume() { finish(); }

  protected:
    mutex *mutex_;
  };

  class scoped_lock_awaiter final : public lock_awaiter {
  public:
    using lock_awaiter::lock_awaiter;
    guard await_resume() {
      finish();
      return guard{*mutex_};
    }
  };

  [[nodiscard]] lock_awaiter lock() noexcept { return lock_awaiter{*this}; }
  [[nodiscard]] scoped_lock_awaiter scoped_lock() noexcept {
    return scoped_lock_awaiter{*this};
  }

  [[nodiscard]] bool try_lock() noexcept {
    if (locked_ || !waiters_.empty()) {
      return false;
    }
    locked_ = true;
    return true;
  }

  // Ownership passes straight to the longest waiter, if any.
  void unlock() noexcept {
    if (lock_awaiter *w = waiters_.pop_front()) {
      w->grant(granted_);
    } else {
      locked_ = false;
    }
  }

  [[nodiscard]] bool locked() const noexcept { return locked_; }

private:
  detail::waiter_fifo<lock_awaiter> waiters_;
  detail::granted_list granted_;
  bool locked_ = false;
};

} // namespace aio
