#include "aio/detail/thread_pool.hpp"

#include "internal.hpp"

#include <cstdint>
#include <utility>

#include <unistd.h>

namespace aio::detail {

thread_pool::thread_pool(unsigned threads, int wake_fd) : wake_fd_(wake_fd) {
  workers_.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) {
    workers_.emplace_back([this](std::stop_token stop) { work(stop); });
  }
}

thread_pool::~thread_pool() {
  runtime_scope scope; // joining blocks, by design
  for (auto &worker : workers_) {
    worker.request_stop();
  }
  has_work_.notify_all();
  workers_.clear();
}

void thread_pool::submit(std::shared_ptr<pool_job> job) {
  // The queue's lock is the runtime's own: a worker may hold it for a moment,
  // which the blocking-call detector must not take for the user's wait.
  runtime_scope scope;
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(job));
  }
  has_work_.notify_one();
}

std::vector<std::shared_ptr<pool_job>> thread_pool::take_completed() {
  runtime_scope scope;
  std::lock_guard lock(mutex_);
  return std::exchange(completed_, {});
}

void thread_pool::work(std::stop_token stop) {
  runtime_scope scope; // workers never run coroutine steps
  for (;;) {
    std::shared_ptr<pool_job> job;
    {
      std::unique_lock lock(mutex_);
      if (!has_work_.wait(lock, stop, [&] { return !queue_.empty(); })) {
        return;
      }
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    job->run();
    {
      std::lock_guard lock(mutex_);
      completed_.push_back(std::move(job));
    }
    std::uint64_t one = 1;
    [[maybe_unused]] ssize_t r = ::write(wake_fd_, &one, sizeof one);
  }
}

} // namespace aio::detail
