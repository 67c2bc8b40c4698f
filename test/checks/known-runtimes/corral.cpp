// corral is known without configuration (rules/profiles/corral.yaml): every
// check it feeds, on the runtime's own idioms, reported and clean.
// RUN: %check_async %s 'async-*' %t

#include "mock/corral.h"

#include <chrono>
#include <exception>
#include <functional>
#include <utility>
#include <vector>

corral::Task<int> fetch(int id);
corral::Task<void> serve(int id);
corral::Task<void> flush_log();
void log(const char *message);

// Clean (async-swallowed-cancellation, async-await-in-cancellation-handler):
// a cancelled corral task is never resumed, so its handlers see failures
// only, in a named coroutine, in a lambda started in a nursery, around the
// combiners alike.
corral::Task<void> handlers(corral::Nursery &n, boost::asio::io_context &io) {
  try {
    co_await fetch(1);
  } catch (...) {
    log("fetch failed");
  }
  n.start([&]() -> corral::Task<void> {
    bool failed = false;
    try {
      co_await corral::anyOf(fetch(2),
                             corral::sleepFor(io, std::chrono::seconds(1)));
    } catch (const std::exception &e) {
      log(e.what());
      failed = true;
    }
    if (failed)
      co_await flush_log();
  });
  std::exception_ptr error;
  try {
    co_await corral::allOf(fetch(3), fetch(4));
  } catch (...) {
    error = std::current_exception();
  }
  if (error)
    co_await flush_log();
}

// async-blocking-call: corral::run runs the event loop inside the running one.
corral::Task<int> nested(boost::asio::io_context &io) {
  int value = corral::run(io, fetch(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: call to 'corral::run' blocks the event loop thread in coroutine 'nested' (event-loop re-entry); co_await the awaitable instead of corral::run, which runs the event loop until it completes [async-blocking-call]
  co_return value + co_await fetch(2);
}

// Clean: main runs the loop once.
int main_like(boost::asio::io_context &io) { return corral::run(io, fetch(1)); }

// async-missing-co-await: a corral task runs nothing until awaited.
corral::Task<void> forgotten() {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'fetch' is discarded; the task is lazy and never runs [async-missing-co-await]
  co_await fetch(2);
}

// async-unbounded-gather: a task per element of the input, all at once,
// started in a nursery or gathered with allOf.
corral::Task<void> serve_all(corral::Nursery &n, std::vector<int> ids) {
  for (int id : ids)
    n.start(serve, id);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'corral::BasicNursery::start' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-4]]:67: note: 'ids' comes from the caller
  std::vector<corral::Task<int>> tasks;
  for (int id : ids)
    tasks.push_back(fetch(id));
  co_await corral::allOf(std::move(tasks));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'corral::allOf' runs a task for every element of a range whose size comes from input, all at once; bound the concurrency with a semaphore or gather in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: 'tasks' gets an element in every iteration of a loop over input here
  // CHECK-MESSAGES: :[[@LINE-11]]:67: note: 'ids' comes from the caller
}

// Clean: a semaphore unit is taken in the loop; the variadic allOf runs two.
corral::Task<void> serve_limited(corral::Nursery &n, corral::Semaphore &slots,
                                 std::vector<int> ids) {
  for (int id : ids) {
    co_await slots.acquire();
    n.start(serve, id);
  }
  co_await corral::allOf(fetch(1), fetch(2));
}

// async-cancelled-await-without-timeout: joining a cancelled nursery waits
// for tasks that may shield themselves from the cancellation.
corral::Task<void> stop(corral::UnsafeNursery &background) {
  background.cancel();
  co_await background.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'background' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: cancelled here
}

// Clean: the join races a timer in anyOf, which cancels it when the timer
// fires.
corral::Task<void> stop_bounded(corral::UnsafeNursery &background,
                                boost::asio::io_context &io) {
  background.cancel();
  co_await corral::anyOf(background.join(),
                         corral::sleepFor(io, std::chrono::seconds(5)));
}
