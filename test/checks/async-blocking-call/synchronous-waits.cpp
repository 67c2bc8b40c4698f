// RUN: %check_async %s async-blocking-call %t

#include "demo_task.h"

#include <barrier>
#include <condition_variable>
#include <future>
#include <latch>
#include <mutex>
#include <semaphore>
#include <thread>

demo::task<int> waits(std::future<int> result, std::shared_future<int> shared,
                      std::thread &worker, std::condition_variable &ready,
                      std::condition_variable_any &any, std::latch &done,
                      std::barrier<> &phase, std::counting_semaphore<4> &slots,
                      std::binary_semaphore &flag) {
  co_await demo::ready{};
  int value = result.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: call to 'std::future::get' blocks the event loop thread in coroutine 'waits' (synchronous wait); await an asynchronous primitive instead (an event, a semaphore, a task) or wait on a thread pool [async-blocking-call]
  shared.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: call to 'std::shared_future::wait' blocks the event loop thread in coroutine 'waits' (synchronous wait)
  shared.wait_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: call to 'std::shared_future::wait_for' blocks the event loop thread in coroutine 'waits' (synchronous wait)
  worker.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: call to 'std::thread::join' blocks the event loop thread in coroutine 'waits' (synchronous wait)
  std::mutex m;
  std::unique_lock<std::mutex> lock(m);
  ready.wait(lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: call to 'std::condition_variable::wait' blocks the event loop thread in coroutine 'waits' (synchronous wait)
  ready.wait_for(lock, std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: call to 'std::condition_variable::wait_for' blocks the event loop thread in coroutine 'waits' (synchronous wait)
  any.wait(lock, [] { return true; });
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to 'std::condition_variable_any::wait' blocks the event loop thread in coroutine 'waits' (synchronous wait)
  done.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: call to 'std::latch::wait' blocks the event loop thread in coroutine 'waits' (synchronous wait)
  phase.arrive_and_wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: call to 'std::barrier::arrive_and_wait' blocks the event loop thread in coroutine 'waits' (synchronous wait)
  slots.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: call to 'std::counting_semaphore::acquire' blocks the event loop thread in coroutine 'waits' (synchronous wait)
  flag.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: call to 'std::counting_semaphore::acquire' blocks the event loop thread in coroutine 'waits' (synchronous wait)
  std::jthread background([] {});
  background.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: call to 'std::jthread::join' blocks the event loop thread in coroutine 'waits' (synchronous wait)
  co_return value;
}

// Clean: non-blocking members, and waits in a plain lambda that runs on
// another thread.
demo::task<bool> polls(std::future<int> &result, std::counting_semaphore<4> &s,
                       std::condition_variable &cv, std::latch &done) {
  bool valid = result.valid();
  bool got = s.try_acquire();
  cv.notify_all();
  done.count_down();
  std::thread waiter([&result] { result.wait(); });
  waiter.detach();
  co_return valid &&got &&done.try_wait();
}
