// Cancelling aio work and then awaiting it: reported without a timeout,
// quiet with aio::wait_for; branches, loops, early returns, re-assignment.
// RUN: %check_async %s async-cancelled-await-without-timeout %t

#include <aio/task.hpp>
#include <aio/task_group.hpp>
#include <aio/task_handle.hpp>
#include <aio/wait_for.hpp>

#include <chrono>
#include <utility>

using namespace std::chrono_literals;

aio::task<void> worker();
aio::task<int> compute();
void log(const char *);

aio::task<void> cancel_then_await(aio::task_handle<void> h) {
  h.cancel();
  co_await h;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'h' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: cancelled here
}

aio::task<int> moved_into_await() {
  auto h = aio::create_task(compute());
  h.cancel();
  int value = co_await std::move(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'h' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: cancelled here
  co_return value;
}

aio::task<void> group_join() {
  aio::task_group group;
  group.spawn(worker());
  group.cancel();
  co_await group.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'group' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: cancelled here
}

// The cancellation happens on one branch only: some path still reaches the
// await.
aio::task<void> cancelled_on_one_branch(bool stop) {
  auto h = aio::create_task(worker());
  if (stop)
    h.cancel();
  else
    log("running on");
  co_await h;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'h' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: cancelled here
}

// Cancelled in one iteration, awaited in the next.
aio::task<void> cancelled_in_previous_iteration(int rounds) {
  auto h = aio::create_task(worker());
  for (int i = 0; i < rounds; ++i) {
    if (i > 0) {
      co_await h;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'h' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
      // CHECK-MESSAGES: :[[@LINE+2]]:7: note: cancelled here
    }
    h.cancel();
  }
}

// A member of the coroutine's object is the same work across statements.
struct service {
  aio::task_handle<void> background;

  aio::task<void> stop() {
    background.cancel();
    co_await background;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'background' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
    // CHECK-MESSAGES: :[[@LINE-3]]:16: note: cancelled here
  }

  aio::task<void> stop_with_deadline() {
    this->background.cancel();
    co_await aio::wait_for(std::move(this->background), 5s);
  }
};

// Cancelled inside the try block; the await is reached only when the
// try block throws.
aio::task<void> awaited_after_handler(aio::task_handle<void> h) {
  try {
    h.cancel();
    co_await worker();
    co_return;
  } catch (...) {
    log("worker failed");
  }
  co_await h;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'h' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-8]]:7: note: cancelled here
}

// Clean: bounded by aio::wait_for.
aio::task<void> bounded(aio::task_handle<void> h) {
  h.cancel();
  co_await aio::wait_for(std::move(h), 2s);
}

// Clean: cancel, then return early; the await is on the other path.
aio::task<void> early_return(aio::task_handle<void> h, bool give_up) {
  if (give_up) {
    h.cancel();
    co_return;
  }
  co_await h;
}

// Clean: awaited before the cancellation, never after.
aio::task<void> await_then_cancel(aio::task_handle<void> h,
                                  aio::task_handle<void> other) {
  co_await h;
  other.cancel();
}

// Clean: a new task in the variable before the await.
aio::task<void> reassigned() {
  auto h = aio::create_task(worker());
  h.cancel();
  h = aio::create_task(worker());
  co_await h;
}

// Clean: a fresh variable in every iteration.
aio::task<void> fresh_each_iteration(int rounds) {
  for (int i = 0; i < rounds; ++i) {
    auto h = aio::create_task(worker());
    if (i > 0)
      co_await h;
    h.cancel();
  }
}

// Clean: the cancelled handle and the awaited one differ.
aio::task<void> other_work(aio::task_handle<void> a, aio::task_handle<void> b) {
  a.cancel();
  co_await b;
}

// Clean: a lambda runs elsewhere; only coroutines are analysed, each alone.
void not_a_coroutine(aio::task_handle<void> &h) { h.cancel(); }

// A template is analysed in its instantiations; each finding is reported once.
template <class T>
aio::task<T> cancel_then_await_template(aio::task_handle<T> h) {
  h.cancel();
  co_return co_await h;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'h' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: cancelled here
}
template aio::task<int> cancel_then_await_template(aio::task_handle<int>);
template aio::task<long> cancel_then_await_template(aio::task_handle<long>);
