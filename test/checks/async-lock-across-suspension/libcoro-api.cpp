// libcoro's coro::mutex suspends its waiters: holding it, or its
// scoped_lock guard, across co_await is what it is for. A std::mutex held
// the same way is reported. Declarations from the libcoro stubs.
// RUN: %check_async %s async-lock-across-suspension %t

#include "mock/libcoro.h"

#include <chrono>
#include <memory>
#include <mutex>

using namespace std::chrono_literals;

std::mutex stats_mutex;
coro::mutex cache_mutex;

coro::task<> record(std::unique_ptr<coro::scheduler> &s) {
  std::lock_guard guard(stats_mutex);
  co_await s->yield_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' 'guard' holds 'stats_mutex' across this suspension point; another task on this thread that locks it deadlocks; use coro::mutex, whose waiters suspend (auto lock = co_await m.scoped_lock()) [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: locked here
}

// Clean: libcoro's asynchronous mutex, by guard or by hand.
coro::task<> refresh(std::unique_ptr<coro::scheduler> &s) {
  {
    auto lock = co_await cache_mutex.scoped_lock();
    co_await s->yield_for(1ms);
  }
  co_await cache_mutex.lock();
  co_await s->yield_for(1ms);
  cache_mutex.unlock();
}
