// An in-house spin lock, its guard and an asynchronous mutex, named through
// the options; without them only the std guard over the spin lock is seen.
// RUN: %check_async %s async-lock-across-suspension %t.default
// RUN: %check_async --check-suffix=SET \
// RUN:   --config="{CheckOptions: { \
// RUN:     async-lock-across-suspension.ExtraLockGuardTypes: 'inhouse::SpinGuard', \
// RUN:     async-lock-across-suspension.ExtraLockFunctions: 'inhouse::SpinLock::acquire;inhouse::lock_all', \
// RUN:     async-lock-across-suspension.ExtraUnlockFunctions: 'inhouse::SpinLock::release;inhouse::unlock_all', \
// RUN:     async-lock-across-suspension.ExtraAsyncLockTypes: 'inhouse::AsyncMutex'}}" \
// RUN:   %s async-lock-across-suspension %t.set

#include "demo_task.h"

#include <mutex>

namespace inhouse {
struct SpinLock {
  void lock();
  void unlock();
  void acquire();
  void release();
};
struct SpinGuard {
  explicit SpinGuard(SpinLock &lock);
  ~SpinGuard();
};
void lock_all(SpinLock &first, SpinLock &second);
void unlock_all(SpinLock &first, SpinLock &second);
struct AsyncMutex {
  bool try_lock();
  void lock();
  void unlock();
};
} // namespace inhouse

inhouse::SpinLock spin, other_spin;
inhouse::AsyncMutex async_mutex;
demo::task<int> fetch();

demo::task<> spinning() {
  {
    inhouse::SpinGuard guard(spin);
    co_await fetch();
    // CHECK-MESSAGES-SET: :[[@LINE-1]]:5: warning: 'inhouse::SpinGuard' 'guard' holds 'spin' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
    // CHECK-MESSAGES-SET: :[[@LINE-3]]:24: note: locked here
  }
  spin.acquire();
  co_await fetch();
  // CHECK-MESSAGES-SET: :[[@LINE-1]]:3: warning: 'spin' is locked across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES-SET: :[[@LINE-3]]:8: note: locked here
  spin.release();
  inhouse::lock_all(spin, other_spin);
  co_await fetch();
  // CHECK-MESSAGES-SET: :[[@LINE-1]]:3: warning: 'other_spin' is locked across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES-SET: :[[@LINE-3]]:3: note: locked here
  // CHECK-MESSAGES-SET: :[[@LINE-3]]:3: warning: 'spin' is locked across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES-SET: :[[@LINE-5]]:3: note: locked here
  inhouse::unlock_all(spin, other_spin);
  co_await fetch();
}

// A std guard over any mutex type is a thread lock, unless the type is an
// asynchronous one.
demo::task<> std_guards() {
  {
    std::lock_guard guard(spin);
    co_await fetch();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::lock_guard<inhouse::SpinLock>' 'guard' holds 'spin' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
    // CHECK-MESSAGES: :[[@LINE-3]]:21: note: locked here
    // CHECK-MESSAGES-SET: :[[@LINE-3]]:5: warning: 'std::lock_guard<inhouse::SpinLock>' 'guard' holds 'spin' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
    // CHECK-MESSAGES-SET: :[[@LINE-5]]:21: note: locked here
  }
  std::unique_lock lock(async_mutex, std::adopt_lock);
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_lock<inhouse::AsyncMutex>' 'lock' holds 'async_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: locked here
}
