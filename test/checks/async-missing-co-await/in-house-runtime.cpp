// An in-house runtime described only through options. Its Job type is
// awaitable only through its own promise's await_transform, so it is known
// by name; its Nothing awaiter does no work. Runtime::start starts a job at
// once and returns a handle: once async-detached-task's options say so, that
// handle is that check's business, not a missing co_await.
// RUN: %check_async --config="{CheckOptions: { \
// RUN:   async-missing-co-await.ExtraTaskTypes: 'inhouse::Job;inhouse::*Op', \
// RUN:   async-missing-co-await.ExtraTrivialAwaitables: 'inhouse::Nothing'}}" \
// RUN:   --check-suffix=ALONE %s async-missing-co-await %t
// RUN: %check_async --config="{CheckOptions: { \
// RUN:   async-missing-co-await.ExtraTaskTypes: 'inhouse::Job;inhouse::*Op', \
// RUN:   async-missing-co-await.ExtraTrivialAwaitables: 'inhouse::Nothing', \
// RUN:   async-detached-task.ExtraEagerSpawnFunctions: 'inhouse::Runtime::start'}}" \
// RUN:   --check-suffix=WITH-DETACHED %s async-missing-co-await %t

#include "demo_task.h"

namespace inhouse {
template <typename T>
class Job {
public:
  T value() const;
};
class ReadOp {};
class WriteOp {};
class Nothing {
public:
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) const noexcept;
  void await_resume() const noexcept;
};
template <typename T>
class Handle {
public:
  struct awaiter {
    bool await_ready() const noexcept;
    void await_suspend(std::coroutine_handle<>) const noexcept;
    T await_resume() const;
  };
  awaiter operator co_await() const noexcept;
};
class Runtime {
public:
  template <typename T>
  Handle<T> start(Job<T> job);
};
Job<int> compute(int n);
ReadOp read(int fd);
WriteOp write(int fd);
Nothing nothing();
} // namespace inhouse

void submit(inhouse::Job<int>);

void schedule(inhouse::Runtime &runtime) {
  inhouse::compute(1);
  // CHECK-MESSAGES-ALONE: :[[@LINE-1]]:3: warning: awaitable returned by 'inhouse::compute' is discarded; the task is lazy and never runs [async-missing-co-await]
  // CHECK-MESSAGES-WITH-DETACHED: :[[@LINE-2]]:3: warning: awaitable returned by 'inhouse::compute' is discarded; the task is lazy and never runs [async-missing-co-await]
  (void)inhouse::read(3);
  // CHECK-MESSAGES-ALONE: :[[@LINE-1]]:9: warning: awaitable returned by 'inhouse::read' is cast to void, which does not await it; the task is lazy and never runs [async-missing-co-await]
  // CHECK-MESSAGES-WITH-DETACHED: :[[@LINE-2]]:9: warning: awaitable returned by 'inhouse::read' is cast to void, which does not await it; the task is lazy and never runs [async-missing-co-await]
  auto pending = inhouse::write(4);
  // CHECK-MESSAGES-ALONE: :[[@LINE-1]]:8: warning: awaitable 'pending' is never awaited, returned or passed on; the task is lazy and never runs [async-missing-co-await]
  // CHECK-MESSAGES-WITH-DETACHED: :[[@LINE-2]]:8: warning: awaitable 'pending' is never awaited, returned or passed on; the task is lazy and never runs [async-missing-co-await]
  runtime.start(inhouse::compute(2));
  // CHECK-MESSAGES-ALONE: :[[@LINE-1]]:11: warning: awaitable returned by 'inhouse::Runtime::start' is discarded; the operation never starts [async-missing-co-await]

  // Clean: passed on, trivial, or not an awaitable.
  submit(inhouse::compute(5));
  inhouse::nothing();
  auto job = inhouse::compute(6);
  submit(job);
  inhouse::compute(7).value();
}
