#pragma once

// aio::to_thread(fn): runs fn on the loop's thread pool and resumes the
// caller on the loop thread with fn's result (or exception). Cancelling the
// caller resumes it at once with aio::cancelled_error; fn still runs to its
// end on the worker and its result is dropped (fn must own what it uses).

#include "aio/detail/thread_pool.hpp"
#include "aio/detail/waiter.hpp"

#include <coroutine>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace aio {

namespace detail {

// `abandon_on_cancel`: true lets a cancelled caller go at once; false keeps
// it parked until fn returns (file I/O: the caller's next call must not
// overlap this one) and only then throws cancelled_error. Either way fn owns
// what it uses: the caller's frame may be destroyed while fn runs.
template <class F, bool abandon_on_cancel = true>
class pool_awaiter final : public parked_waiter {
  using result_type = std::invoke_result_t<F &>;
  using stored_type =
      std::conditional_t<std::is_void_v<result_type>, bool, result_type>;

  struct job final : pool_job {
    explicit job(F f) : fn(std::move(f)) {}

    void run() noexcept override {
      try {
        if constexpr (std::is_void_v<result_type>) {
          fn();
          value.emplace(true);
        } else {
          value.emplace(fn());
        }
      } catch (...) {
        error = std::current_exception();
      }
    }

    void finish() noexcept override {
      if (waiter != nullptr) {
        std::exchange(waiter, nullptr)->wake();
      }
    }

    F fn;
    std::optional<stored_type> value;
    std::exception_ptr error;
    pool_awaiter *waiter = nullptr; // touched on the loop thread only
  };

public:
  explicit pool_awaiter(F fn) : job_(std::make_shared<job>(std::move(fn))) {}
  pool_awaiter(pool_awaiter &&) noexcept = default;
  ~pool_awaiter() {
    if (job_ && job_->waiter == this) {
      job_->waiter = nullptr;
    }
  }

  [[nodiscard]] bool await_ready() const noexcept { return false; }

  bool await_suspend(std::coroutine_handle<> handle) {
    if (!park(handle)) {
      return false;
    }
    job_->waiter = this;
    loop_->submit(job_);
    return true;
  }

  result_type await_resume() {
    finish();
    if (job_->error) {
      std::rethrow_exception(job_->error);
    }
    if constexpr (!std::is_void_v<result_type>) {
      return std::move(*job_->value);
    }
  }

  void cancel() noexcept override {
    if constexpr (abandon_on_cancel) {
      job_->waiter = nullptr;
      wake_cancelled();
    } else {
      cancelled_ = true; // thrown once fn has returned
      if (task_ != nullptr) {
        task_->cancel_delivered = true;
        task_->parked = this;
      }
    }
  }

private:
  std::shared_ptr<job> job_;
};

} // namespace detail

template <class F>
[[nodiscard]] detail::pool_awaiter<std::decay_t<F>> to_thread(F &&fn) {
  return detail::pool_awaiter<std::decay_t<F>>{std::forward<F>(fn)};
}

} // namespace aio
