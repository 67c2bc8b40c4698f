// Options: an in-house runtime's gather, spawn and limiter.
// RUN: %check_async %s async-unbounded-gather %t --config="{CheckOptions: {async-unbounded-gather.ExtraGatherFunctions: 'rt::all_of', async-unbounded-gather.ExtraSpawnFunctions: 'rt::pool::launch*', async-unbounded-gather.ExtraLimiterTypes: 'rt::gate'}}"

#include <coroutine>
#include <vector>

namespace rt {
struct job {
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  void await_resume();
};
struct coro {
  struct promise_type {
    coro get_return_object();
    std::suspend_never initial_suspend() noexcept;
    std::suspend_never final_suspend() noexcept;
    void return_void();
    void unhandled_exception();
  };
};
job work(int);
job all_of(std::vector<job>);
struct pool {
  void launch(job);
  void launch_later(job);
};
struct gate {
  job enter();
  void leave();
};
} // namespace rt

rt::coro run(std::vector<int> ids, rt::pool &pool, rt::gate &gate) {
  std::vector<rt::job> jobs;
  for (int id : ids)
    jobs.push_back(rt::work(id));
  co_await rt::all_of(jobs);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'rt::all_of' runs a task for every element of a range whose size comes from input, all at once; bound the concurrency with a semaphore or gather in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'jobs' gets an element in every iteration of a loop over input here
  // CHECK-MESSAGES: :[[@LINE-7]]:31: note: 'ids' comes from the caller
  for (int id : ids)
    pool.launch_later(rt::work(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'rt::pool::launch_later' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-11]]:31: note: 'ids' comes from the caller
  for (int id : ids) {
    co_await gate.enter();
    pool.launch(rt::work(id));
  }
}
