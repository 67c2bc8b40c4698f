// A made-up in-house runtime, "acme", described to all five checks only
// through options, as a team would in its .clang-tidy or .async-lint.yaml.
// RUN: %check_async --config="{CheckOptions: { \
// RUN:   async-blocking-call.ExtraNetworkFunctions: 'acme::*_sync', \
// RUN:   async-missing-co-await.ExtraTaskTypes: 'acme::Op', \
// RUN:   async-detached-task.ExtraDetachingFunctions: 'acme::fire_and_forget', \
// RUN:   async-cancelled-await-without-timeout.ExtraCancelFunctions: 'acme::Job::stop', \
// RUN:   async-cancelled-await-without-timeout.ExtraTimeoutWrappers: 'acme::within', \
// RUN:   async-swallowed-cancellation.ExtraCancellationExceptions: 'acme::stopped'}}" \
// RUN:   %s 'async-*' %t

#include "demo_task.h"

namespace acme {
// An operation that does nothing until awaited; it has no await_* members,
// only the runtime's own co_await support, so only configuration names it.
class Op {
public:
  bool ready() const;
};
Op fetch(int key);
int query_sync(int key);
void fire_and_forget(demo::task<> work);
class Job {
public:
  void stop();
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
template <typename Awaitable>
Awaitable within(Awaitable work, int ms);
struct stopped {};
} // namespace acme

demo::task<> background();

demo::task<> handler(acme::Job job) {
  acme::fetch(1);
  int rows = acme::query_sync(2);
  acme::fire_and_forget(background());
  job.stop();
  co_await job;
  try {
    co_await demo::ready{};
  } catch (const acme::stopped &) {
  }
  (void)rows;
}

void keep(acme::Op op);

// Clean: the same runtime used as its configuration says is right.
demo::task<> careful(acme::Job job) {
  keep(acme::fetch(1));
  job.stop();
  co_await acme::within(job, 100);
  try {
    co_await demo::ready{};
  } catch (const acme::stopped &) {
    throw;
  }
}

// One finding per check above, in the order they are printed:
// CHECK-MESSAGES: acme.cpp:39:3: warning: awaitable returned by 'acme::fetch' is discarded; the task is lazy and never runs [async-missing-co-await]
// CHECK-MESSAGES: acme.cpp:40:14: warning: call to 'acme::query_sync' blocks the event loop thread in coroutine 'handler' (network I/O)
// CHECK-MESSAGES: acme.cpp:41:3: warning: call to 'acme::fire_and_forget' detaches the work; nobody awaits it or sees its failure [async-detached-task]
// CHECK-MESSAGES: acme.cpp:43:3: warning: 'job' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
// CHECK-MESSAGES: acme.cpp:42:7: note: cancelled here
// CHECK-MESSAGES: acme.cpp:46:5: warning: handler of 'acme::stopped' swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
// CHECK-MESSAGES: acme.cpp:45:5: note: suspension point that can be cancelled is here
