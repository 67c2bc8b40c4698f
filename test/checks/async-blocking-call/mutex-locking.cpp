// Off by default: nothing is reported.
// RUN: %check_async %s async-blocking-call %t.default
// Switched on through configuration.
// RUN: %check_async --check-suffix=ON \
// RUN:   --config="{CheckOptions: {async-blocking-call.MutexLocking: true}}" \
// RUN:   %s async-blocking-call %t.on

#include "demo_task.h"

#include <mutex>
#include <shared_mutex>

std::mutex state_mutex;
std::shared_mutex table_mutex;
int state;

demo::task<> update() {
  co_await demo::ready{};
  {
    std::lock_guard<std::mutex> guard(state_mutex);
    // CHECK-MESSAGES-ON: :[[@LINE-1]]:33: warning: construction of 'std::lock_guard<std::mutex>' blocks the event loop thread in coroutine 'update' (mutex locking); use the runtime's asynchronous mutex or keep the critical section free of suspension points [async-blocking-call]
    ++state;
  }
  state_mutex.lock();
  // CHECK-MESSAGES-ON: :[[@LINE-1]]:15: warning: call to 'std::mutex::lock' blocks the event loop thread in coroutine 'update' (mutex locking)
  state_mutex.unlock();
  std::unique_lock lock(state_mutex);
  // CHECK-MESSAGES-ON: :[[@LINE-1]]:20: warning: construction of 'std::unique_lock' blocks the event loop thread in coroutine 'update' (mutex locking)
  std::shared_lock reader(table_mutex);
  // CHECK-MESSAGES-ON: :[[@LINE-1]]:20: warning: construction of 'std::shared_lock' blocks the event loop thread in coroutine 'update' (mutex locking)
}

// Clean even when on: deferred and tried locks do not block, nor does
// adopting a lock already held.
demo::task<> careful() {
  std::unique_lock deferred(state_mutex, std::defer_lock);
  std::unique_lock attempt(state_mutex, std::try_to_lock);
  bool got = state_mutex.try_lock();
  if (got) {
    std::lock_guard<std::mutex> adopted(state_mutex, std::adopt_lock);
  }
  co_return;
}
