// A local awaitable that is never awaited, moved, returned, stored or passed
// on: its work never runs. Any of those, even through std::move or a lambda
// capture, keeps it silent.
// RUN: %check_async %s async-missing-co-await %t

#include "demo_task.h"

#include <utility>
#include <vector>

demo::task<int> fetch(int key);

struct job {
  struct promise_type;
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) const noexcept;
  void await_resume() const noexcept;
  bool valid() const noexcept;
  void cancel() noexcept;
};
job make_job();

demo::task<int> forgotten() {
  auto t = fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: awaitable 't' is never awaited, returned or passed on; the task is lazy and never runs [async-missing-co-await]
  demo::task<int> typed = fetch(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: awaitable 'typed' is never awaited, returned or passed on; the task is lazy and never runs [async-missing-co-await]
  auto voided = fetch(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: awaitable 'voided' is never awaited, returned or passed on; the task is lazy and never runs [async-missing-co-await]
  (void)voided;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: casting 'voided' to void does not await it
  // Asking whether it is valid does not run it either.
  auto looked_at = make_job();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: awaitable 'looked_at' is never awaited, returned or passed on; the task is lazy and never runs [async-missing-co-await]
  if (looked_at.valid())
    co_return 1;
  co_return 0;
}

void plain_function() {
  auto t = fetch(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: awaitable 't' is never awaited, returned or passed on; the task is lazy and never runs [async-missing-co-await]
}

// Clean.
void take(demo::task<int>);
struct holder {
  demo::task<int> pending;
};
demo::task<int> used(holder &h, std::vector<demo::task<int>> &queue,
                     bool flag) {
  auto awaited = fetch(1);
  int v = co_await awaited;
  auto moved = fetch(2);
  v += co_await std::move(moved);
  auto passed = fetch(3);
  take(std::move(passed));
  auto stored = fetch(4);
  queue.push_back(std::move(stored));
  auto member = fetch(5);
  h.pending = std::move(member);
  auto captured = fetch(6);
  auto later = [&captured]() -> demo::task<int> { co_return co_await captured; };
  co_await later();
  auto moved_in = fetch(7);
  auto owner = [t = std::move(moved_in)]() mutable -> demo::task<int> {
    co_return co_await t;
  };
  co_await owner();
  auto sometimes = fetch(8);
  if (flag)
    v += co_await sometimes;
  auto cancelled = make_job();
  cancelled.cancel();
  // Default-constructed or copied: no new work was made here.
  demo::task<int> empty;
  job copy = cancelled;
  co_return v;
}
demo::task<int> returned() {
  auto t = fetch(9);
  return t;
}
