// async_simple is known without configuration (rules/profiles/async_simple.yaml):
// every check it feeds, on the runtime's own idioms, reported and clean.
// RUN: %check_async %s 'async-*' %t

#include "mock/async_simple.h"

#include <exception>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace ac = async_simple::coro;

ac::Lazy<int> fetch(int id);
ac::Lazy<int> lookup(const std::string &key);
void consume(async_simple::Try<int> &&result);
void log(const char *message);

// async-blocking-call: syncAwait and Future::get block the executor's thread.
ac::Lazy<int> blocking(async_simple::Future<int> &&pending) {
  int first = ac::syncAwait(fetch(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: call to 'async_simple::coro::syncAwait' blocks the event loop thread in coroutine 'blocking' (event-loop re-entry); co_await the Lazy instead of syncAwait, which blocks the thread until it ends and deadlocks on the executor's own thread [async-blocking-call]
  int second = std::move(pending).get();
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: call to 'async_simple::Future::get' blocks the event loop thread in coroutine 'blocking' (synchronous wait); co_await std::move(future) (async_simple/coro/FutureAwaiter.h) instead of blocking in get() or wait() [async-blocking-call]
  co_return first + second;
}

// Clean: awaited instead; syncAwait outside any coroutine.
ac::Lazy<int> awaiting(async_simple::Future<int> &&pending) {
  int first = co_await fetch(1);
  int second = co_await std::move(pending);
  co_return first + second;
}

int main_like() { return ac::syncAwait(fetch(1)); }

// async-detached-task: detach() rethrows the failure on a frame nobody owns;
// start() hands the failure to its callback, which may ignore it.
void detached(async_simple::Executor *ex) {
  fetch(1).via(ex).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: call to 'async_simple::coro::RescheduleLazy::detach' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  fetch(2).start([](auto &&) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: completion handler of 'async_simple::coro::detail::LazyBase::start' ignores the exception; nobody sees the coroutine's failure [async-detached-task]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: the handler never reads its std::exception_ptr parameter
}

// Clean: the callback reads the Try, failure included.
void started(async_simple::Executor *ex) {
  fetch(1).via(ex).start([](auto &&result) { consume(std::move(result)); });
  fetch(2).start([](async_simple::Try<int> &&result) {
    if (result.hasError())
      log("fetch failed");
  });
}

// async-unbounded-gather: collectAll over a vector as long as the input.
ac::Lazy<void> fetch_all(std::vector<int> ids) {
  std::vector<ac::Lazy<int>> tasks;
  for (int id : ids)
    tasks.push_back(fetch(id));
  co_await ac::collectAll(std::move(tasks));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'async_simple::coro::collectAll' runs a task for every element of a range whose size comes from input, all at once; bound the concurrency with a semaphore or gather in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: 'tasks' gets an element in every iteration of a loop over input here
  // CHECK-MESSAGES: :[[@LINE-7]]:43: note: 'ids' comes from the caller
}

// Clean: collectAllWindowed runs at most 8 at once; the variadic collectAll
// runs two.
ac::Lazy<void> fetch_windowed(std::vector<int> ids) {
  std::vector<ac::Lazy<int>> tasks;
  for (int id : ids)
    tasks.push_back(fetch(id));
  co_await ac::collectAllWindowed(8, false, std::move(tasks));
  co_await ac::collectAll(fetch(1), fetch(2));
}

// Clean: each task holds one of the semaphore's units while it runs.
ac::Lazy<int> fetch_limited(ac::CountingSemaphore<> &slots, int id) {
  co_await slots.acquire();
  int value = co_await fetch(id);
  co_await slots.release();
  co_return value;
}

ac::Lazy<void> fetch_all_limited(ac::CountingSemaphore<> &slots,
                                 std::vector<int> ids) {
  std::vector<ac::Lazy<int>> tasks;
  for (int id : ids)
    tasks.push_back(fetch_limited(slots, id));
  co_await ac::collectAll(std::move(tasks));
}

// Clean (async-lock-across-suspension): the coroutine mutex and spin lock
// are locked by awaiting and held across co_await on purpose, by the guard
// coScopedLock gives or by one that adopts the lock.
ac::Lazy<int> locked(ac::Mutex &mutex, ac::SpinLock &spin) {
  auto guard = co_await mutex.coScopedLock();
  int first = co_await fetch(1);
  co_await spin.coLock();
  std::lock_guard<ac::SpinLock> spin_guard(spin, std::adopt_lock);
  co_return first + co_await fetch(2);
}

ac::Lazy<int> adopted(ac::Mutex &mutex) {
  co_await mutex.coLock();
  std::unique_lock<ac::Mutex> guard(mutex, std::adopt_lock);
  co_return co_await fetch(1);
}

// async-await-in-cancellation-handler: after a SignalException, awaiting
// more work is cut off by the same signal; hopping to an executor is not.
ac::Lazy<void> cleanup(async_simple::Executor *ex) {
  std::exception_ptr signal;
  try {
    co_await fetch(1);
  } catch (const async_simple::SignalException &) {
    signal = std::current_exception();
  }
  if (signal) {
    co_await ac::dispatch(ex);
    co_await fetch(2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'fetch' while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
    // CHECK-MESSAGES: :[[@LINE-7]]:5: note: cancellation caught here
    std::rethrow_exception(signal);
  }
}
