// Locks that are not held across the suspension although a guard is alive:
// an asynchronous condition variable's wait(lock) unlocks what it is given
// while the coroutine is suspended, and a guard made with std::try_to_lock
// or std::defer_lock is free on the branches where its ownership test
// failed. Each sits beside a twin that is reported.
// RUN: %check_async %s async-lock-across-suspension %t

#include "demo_task.h"

#include <coroutine>
#include <mutex>

std::mutex state_mutex;
int state;

demo::task<int> fetch();

// Its wait takes the lock, unlocks it while the waiter is suspended, and
// locks it again before resuming it.
struct async_condition {
  template <typename Predicate>
  demo::ready wait(std::unique_lock<std::mutex> &lock, Predicate ready) {
    return {};
  }
  template <typename Predicate>
  demo::ready wait(std::mutex &locked, Predicate ready) {
    return {};
  }
  // Only reads the lock: cannot release it.
  demo::ready wait_logged(const std::unique_lock<std::mutex> &lock);
  demo::ready notified();
};
async_condition changed;

demo::task<> condition_wait() {
  std::unique_lock lock(state_mutex);
  co_await changed.wait(lock, [] { return state > 0; });
  --state;
  std::lock_guard guard(state_mutex);
  co_await changed.wait(state_mutex, [] { return state > 0; });
}

demo::task<> condition_wait_twin() {
  std::unique_lock lock(state_mutex);
  co_await changed.notified();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_lock<std::mutex>' 'lock' holds 'state_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: locked here
  co_await changed.wait_logged(lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_lock<std::mutex>' 'lock' holds 'state_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-6]]:20: note: locked here
}

// Tried: unlocked on the branch that got it, free on the other.
demo::task<> tried() {
  std::unique_lock lock(state_mutex, std::try_to_lock);
  if (lock.owns_lock()) {
    ++state;
    lock.unlock();
  }
  co_await fetch();
}

demo::task<> tried_twin() {
  std::unique_lock lock(state_mutex, std::try_to_lock);
  if (lock.owns_lock())
    ++state;
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_lock<std::mutex>' 'lock' may hold 'state_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-5]]:20: note: locked here
}

// Not got: wait and give up; got: unlocked before the await.
demo::task<> tried_or_wait() {
  std::unique_lock lock(state_mutex, std::try_to_lock);
  if (!lock) {
    co_await fetch();
    co_return;
  }
  ++state;
  lock.unlock();
  co_await fetch();
}

demo::task<> tried_or_wait_twin() {
  std::unique_lock lock(state_mutex, std::try_to_lock);
  if (lock) {
    co_await fetch();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::unique_lock<std::mutex>' 'lock' holds 'state_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
    // CHECK-MESSAGES: :[[@LINE-4]]:20: note: locked here
    co_return;
  }
  co_await fetch();
}

// Retried after each await until it is got, then unlocked.
demo::task<> retried() {
  std::unique_lock lock(state_mutex, std::try_to_lock);
  while (!lock.owns_lock()) {
    co_await fetch();
    lock = std::unique_lock(state_mutex, std::try_to_lock);
  }
  ++state;
  lock.unlock();
  co_await fetch();
}

// Deferred: locked and unlocked on one branch only.
demo::task<> deferred(bool update) {
  std::unique_lock lock(state_mutex, std::defer_lock);
  if (update) {
    lock.lock();
    ++state;
    lock.unlock();
  }
  co_await fetch();
}

demo::task<> deferred_twin(bool update) {
  std::unique_lock lock(state_mutex, std::defer_lock);
  if (update) {
    lock.lock();
    ++state;
  }
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_lock<std::mutex>' 'lock' may hold 'state_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-5]]:10: note: locked here
}
