#pragma once

// Worker threads for blocking work. Jobs run on a worker; their finish() runs
// back on the loop thread once the loop drains completions after the pool
// signals its eventfd. Jobs are shared so a cancelled awaiter can walk away
// while a worker still holds the job.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace aio::detail {

class pool_job {
public:
  pool_job() = default;
  pool_job(const pool_job &) = delete;
  pool_job &operator=(const pool_job &) = delete;
  virtual ~pool_job() = default;

  // On a worker thread.
  virtual void run() noexcept = 0;
  // On the loop thread, after run().
  virtual void finish() noexcept = 0;
};

class thread_pool {
public:
  // `wake_fd` is an eventfd the pool writes to when a job completes.
  thread_pool(unsigned threads, int wake_fd);
  thread_pool(const thread_pool &) = delete;
  thread_pool &operator=(const thread_pool &) = delete;
  ~thread_pool();

  void submit(std::shared_ptr<pool_job> job);
  [[nodiscard]] std::vector<std::shared_ptr<pool_job>> take_completed();

private:
  void work(std::stop_token stop);

  std::mutex mutex_;
  std::condition_variable_any has_work_;
  std::deque<std::shared_ptr<pool_job>> queue_;
  std::vector<std::shared_ptr<pool_job>> completed_;
  int wake_fd_;
  std::vector<std::jthread> workers_;
};

} // namespace aio::detail
