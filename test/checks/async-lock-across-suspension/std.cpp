// Standard mutexes and guards held across co_await and co_yield: guards,
// manual lock() and unlock(), branches, loops, try blocks, moves, lambdas,
// templates, NOLINT, and the code that releases in time.
// RUN: %check_async %s async-lock-across-suspension %t

#include "demo_task.h"

#include <coroutine>
#include <exception>
#include <mutex>
#include <shared_mutex>
#include <utility>

std::mutex cache_mutex;
std::recursive_mutex tree_mutex;
std::shared_mutex table_mutex;
std::timed_mutex timed;
int cache;

demo::task<int> fetch();
void risky();
void hand_over(std::unique_lock<std::mutex> lock);

// A generator, for co_yield.
struct numbers {
  struct promise_type {
    int current = 0;
    numbers get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int value) {
      current = value;
      return {};
    }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};

demo::task<> deduced_guard() {
  std::scoped_lock guard(cache_mutex, tree_mutex);
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::scoped_lock<std::mutex, std::recursive_mutex>' 'guard' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: locked here
}

demo::task<> shared_and_recursive() {
  std::shared_lock reader(table_mutex);
  tree_mutex.lock();
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::shared_lock<std::shared_mutex>' 'reader' holds 'table_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-4]]:20: note: locked here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: 'tree_mutex' is locked across this suspension point; another task on this thread can lock it too [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-5]]:14: note: locked here
  tree_mutex.unlock();
}

numbers yielded() {
  std::lock_guard guard(cache_mutex);
  co_yield cache;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' 'guard' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: locked here
}

// Locked on one branch only.
demo::task<> some_paths(bool exclusive) {
  if (exclusive)
    table_mutex.lock();
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'table_mutex' may be locked across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:17: note: locked here
  if (exclusive)
    table_mutex.unlock();
}

demo::task<> tried_guard() {
  std::unique_lock lock(cache_mutex, std::try_to_lock);
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_lock<std::mutex>' 'lock' may hold 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: locked here
}

// The lock taken at the end of one iteration is held at the await of the
// next.
demo::task<> next_iteration() {
  for (int i = 0; i < 3; ++i) {
    co_await fetch();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'timed' may be locked across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
    // CHECK-MESSAGES: :[[@LINE+1]]:11: note: locked here
    timed.lock();
  }
  timed.unlock();
}

// A guard per iteration is destroyed before the next await.
demo::task<> guard_per_iteration() {
  for (int i = 0; i < 3; ++i) {
    {
      std::lock_guard guard(cache_mutex);
      ++cache;
    }
    co_await fetch();
  }
  while (cache > 0) {
    std::lock_guard guard(cache_mutex);
    if (--cache == 3)
      continue;
    if (cache == 1)
      break;
  }
  co_await fetch();
}

// risky() may throw with the mutex locked; the handler does not unlock it.
demo::task<> unlock_skipped_by_throw() {
  try {
    cache_mutex.lock();
    risky();
    cache_mutex.unlock();
  } catch (...) {
    ++cache;
  }
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cache_mutex' may be locked across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-8]]:17: note: locked here
}

// Unwinding destroys the guard; the handler unlocks the manual lock.
demo::task<> released_by_unwinding() {
  try {
    std::lock_guard guard(cache_mutex);
    risky();
  } catch (...) {
    ++cache;
  }
  try {
    tree_mutex.lock();
    risky();
    tree_mutex.unlock();
  } catch (...) {
    tree_mutex.unlock();
  }
  co_await fetch();
}

// Ownership moves to another guard, which is then released.
demo::task<> moved_between_guards() {
  std::unique_lock first(cache_mutex);
  std::unique_lock<std::mutex> second = std::move(first);
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_lock<std::mutex>' 'second' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-4]]:20: note: locked here
  hand_over(std::move(second));
  co_await fetch();
  std::unique_lock<std::mutex> later;
  later = std::unique_lock(cache_mutex);
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_lock<std::mutex>' 'later' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: locked here
  later = {};
  co_await fetch();
}

// Adopting a manual lock: the guard now owns it and unlocks it.
demo::task<> adopted() {
  cache_mutex.lock();
  {
    std::lock_guard guard(cache_mutex, std::adopt_lock);
    ++cache;
  }
  co_await fetch();
  std::unique_lock deferred(cache_mutex, std::defer_lock);
  co_await fetch();
  std::lock(deferred, tree_mutex);
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_lock<std::mutex>' 'deferred' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: locked here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: 'tree_mutex' is locked across this suspension point; another task on this thread can lock it too [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: locked here
  tree_mutex.unlock();
}

struct Cache {
  std::mutex mutex;
  int entries = 0;

  demo::task<> refresh() {
    std::lock_guard guard(mutex);
    entries = co_await fetch();
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'std::lock_guard<std::mutex>' 'guard' holds 'mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
    // CHECK-MESSAGES: :[[@LINE-3]]:21: note: locked here
  }

  demo::task<> refresh_outside() {
    int fresh = co_await fetch();
    std::lock_guard guard(mutex);
    entries = fresh;
  }
};

// A lambda that is a coroutine, and one that is not.
void lambdas() {
  auto coroutine = []() -> demo::task<> {
    std::unique_lock lock(cache_mutex);
    co_await fetch();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::unique_lock<std::mutex>' 'lock' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
    // CHECK-MESSAGES: :[[@LINE-3]]:22: note: locked here
  };
  auto plain = [] {
    std::lock_guard guard(cache_mutex);
    ++cache;
  };
  coroutine();
  plain();
}

// Templates are analysed in their instantiations.
template <typename Mutex>
demo::task<> generic(Mutex &mutex) {
  std::lock_guard guard(mutex);
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' 'guard' holds 'mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: locked here
}
template demo::task<> generic(std::mutex &);

demo::task<> suppressed() {
  std::lock_guard guard(cache_mutex);
  co_await fetch(); // NOLINT(async-lock-across-suspension)
}

// Clean: the lock is released before every suspension.
demo::task<> clean() {
  int value = co_await fetch();
  {
    std::lock_guard guard(cache_mutex);
    cache = value;
  }
  std::unique_lock lock(cache_mutex);
  ++cache;
  lock.unlock();
  co_await fetch();
  cache_mutex.lock();
  ++cache;
  cache_mutex.unlock();
  co_await fetch();
  std::unique_lock moved(cache_mutex);
  hand_over(std::move(moved));
  co_await fetch();
  std::unique_lock released(cache_mutex);
  released.release()->unlock();
  co_await fetch();
  if (std::lock_guard guard(cache_mutex); cache > 0)
    ++cache;
  co_await fetch();
}

// Awaits in the condition of the statement that declares the guard; the
// guards are gone after those statements.
demo::task<> await_in_conditions() {
  switch (std::lock_guard guard(cache_mutex); co_await fetch()) {
    // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: 'std::lock_guard<std::mutex>' 'guard' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
    // CHECK-MESSAGES: :[[@LINE-2]]:27: note: locked here
  default:
    break;
  }
  for (std::unique_lock lock(cache_mutex); co_await fetch() > 0;)
    // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: 'std::unique_lock<std::mutex>' 'lock' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
    // CHECK-MESSAGES: :[[@LINE-2]]:25: note: locked here
    ++cache;
  co_await fetch();
}
