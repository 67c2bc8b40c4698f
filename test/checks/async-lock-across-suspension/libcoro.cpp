// A libcoro coroutine is pointed to libcoro's own mutex; a coroutine of no
// known runtime gets no such advice.
// RUN: %check_async %s async-lock-across-suspension %t

#include "mock/libcoro.h"
#include "demo_task.h"

#include <chrono>
#include <mutex>

std::mutex cache_mutex;

coro::task<> refresh(coro::scheduler &scheduler) {
  std::lock_guard<std::mutex> guard(cache_mutex);
  co_await scheduler.yield_for(std::chrono::milliseconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' 'guard' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks; use coro::mutex, whose waiters suspend (auto lock = co_await m.scoped_lock()) [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: locked here
}

demo::task<int> fetch();

demo::task<> refresh_elsewhere() {
  std::lock_guard<std::mutex> guard(cache_mutex);
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' 'guard' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: locked here
}
