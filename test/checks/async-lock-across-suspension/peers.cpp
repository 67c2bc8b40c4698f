// The same coroutines linted by async-lock-across-suspension and by the two
// clang-tidy checks that look for locks held across suspension points. Every
// guard but one is spelled with its template arguments.
//   misc-coroutine-hostile-raii (HOSTILE) misses an await in an initializer,
//   in the condition of the guard's own if statement and after a manual
//   lock(); it does not know unique_lock by default.
//   cppcoreguidelines-no-suspend-with-lock (NOSUSPEND) misses the same
//   manual lock() and if condition, and a guard whose template arguments are
//   deduced; it reports unique_locks that were unlocked, deferred, moved
//   away or released before the suspension.
// RUN: %check_async %s async-lock-across-suspension %t
// RUN: %clang-tidy --quiet -checks='-*,misc-coroutine-hostile-raii' %s \
// RUN:   -- -std=c++20 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=HOSTILE \
// RUN:       --implicit-check-not='{{warning|error|note}}:'
// RUN: %clang-tidy --quiet -checks='-*,cppcoreguidelines-no-suspend-with-lock' \
// RUN:   %s -- -std=c++20 -I%inputs 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOSUSPEND \
// RUN:       --implicit-check-not='{{warning|error|note}}:'

#include "demo_task.h"

#include <mutex>
#include <utility>

std::mutex cache_mutex;
int cache;

demo::task<int> fetch();
void hand_over(std::unique_lock<std::mutex> lock);

// All three report the plain case.
demo::task<> await_statement() {
  std::lock_guard<std::mutex> guard(cache_mutex);
  // HOSTILE: :[[@LINE-1]]:31: warning: 'guard' persists across a suspension point of coroutine [misc-coroutine-hostile-raii]
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' 'guard' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: locked here
  // HOSTILE: :[[@LINE-3]]:3: note: suspension point is here
  // NOSUSPEND: :[[@LINE-4]]:3: warning: coroutine suspended with lock 'guard' held [cppcoreguidelines-no-suspend-with-lock]
  ++cache;
}

// The guard's template arguments are deduced.
demo::task<> deduced_guard() {
  std::lock_guard guard(cache_mutex);
  // HOSTILE: :[[@LINE-1]]:19: warning: 'guard' persists across a suspension point of coroutine [misc-coroutine-hostile-raii]
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' 'guard' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-4]]:19: note: locked here
  // HOSTILE: :[[@LINE-3]]:3: note: suspension point is here
  ++cache;
}

// The suspension is in the initializer of a later variable.
demo::task<> await_in_initializer() {
  std::lock_guard<std::mutex> guard(cache_mutex);
  int value = co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'std::lock_guard<std::mutex>' 'guard' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: locked here
  // NOSUSPEND: :[[@LINE-3]]:15: warning: coroutine suspended with lock 'guard' held [cppcoreguidelines-no-suspend-with-lock]
  cache = value;
}

// The suspension is in the condition of the statement that declares the
// guard.
demo::task<> await_in_guard_condition() {
  if (std::lock_guard<std::mutex> guard(cache_mutex); co_await fetch() > 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:55: warning: 'std::lock_guard<std::mutex>' 'guard' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
    // CHECK-MESSAGES: :[[@LINE-2]]:35: note: locked here
    ++cache;
}

// lock() and unlock() by hand.
demo::task<> manual_lock() {
  cache_mutex.lock();
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cache_mutex' is locked across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: locked here
  cache_mutex.unlock();
}

// Unlocked before the suspension: nothing is held.
demo::task<> unlocked_early() {
  std::unique_lock<std::mutex> lock(cache_mutex);
  ++cache;
  lock.unlock();
  co_await fetch();
  // NOSUSPEND: :[[@LINE-1]]:3: warning: coroutine suspended with lock 'lock' held [cppcoreguidelines-no-suspend-with-lock]
  ++cache;
}

// Locked again before the suspension.
demo::task<> locked_again() {
  std::unique_lock<std::mutex> lock(cache_mutex);
  lock.unlock();
  co_await fetch();
  // NOSUSPEND: :[[@LINE-1]]:3: warning: coroutine suspended with lock 'lock' held [cppcoreguidelines-no-suspend-with-lock]
  lock.lock();
  co_await fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_lock<std::mutex>' 'lock' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: locked here
  // NOSUSPEND: :[[@LINE-3]]:3: warning: coroutine suspended with lock 'lock' held [cppcoreguidelines-no-suspend-with-lock]
  ++cache;
}

// Deferred and never locked.
demo::task<> deferred() {
  std::unique_lock<std::mutex> lock(cache_mutex, std::defer_lock);
  co_await fetch();
  // NOSUSPEND: :[[@LINE-1]]:3: warning: coroutine suspended with lock 'lock' held [cppcoreguidelines-no-suspend-with-lock]
  ++cache;
}

// Moved away before the suspension.
demo::task<> moved_away() {
  std::unique_lock<std::mutex> lock(cache_mutex);
  hand_over(std::move(lock));
  co_await fetch();
  // NOSUSPEND: :[[@LINE-1]]:3: warning: coroutine suspended with lock 'lock' held [cppcoreguidelines-no-suspend-with-lock]
  ++cache;
}

// Released, then unlocked through the pointer release() returns.
demo::task<> released() {
  std::unique_lock<std::mutex> lock(cache_mutex);
  lock.release()->unlock();
  co_await fetch();
  // NOSUSPEND: :[[@LINE-1]]:3: warning: coroutine suspended with lock 'lock' held [cppcoreguidelines-no-suspend-with-lock]
  ++cache;
}

// The guard's scope closed before the suspension: nobody reports it.
demo::task<> scope_closed() {
  {
    std::lock_guard<std::mutex> guard(cache_mutex);
    ++cache;
  }
  co_await fetch();
}
