// cppcoro, libcoro and folly::coro tasks are lazy too. folly's Task is
// awaitable only inside folly's coroutines, so it gets no fix-it here; its
// start() runs the task at once and is async-detached-task's to report.
// RUN: %check_async %s async-missing-co-await %t

#include "demo_task.h"
#include "mock/detach_runtimes.h"

cppcoro::task<int> cppcoro_job();
coro::task<> libcoro_job();
folly::coro::Task<int> folly_job();

demo::task<> runtimes(folly::Executor *executor) {
  cppcoro_job();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'cppcoro_job' is discarded; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await cppcoro_job();
  (void)libcoro_job();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: awaitable returned by 'libcoro_job' is cast to void, which does not await it; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}  (void)co_await libcoro_job();
  folly_job();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'folly_job' is discarded; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}  folly_job();
  folly_job().scheduleOn(executor);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: awaitable returned by 'folly::coro::Task::scheduleOn' is discarded; the task is lazy and never runs [async-missing-co-await]

  // Clean: awaited, or started (async-detached-task's business).
  co_await cppcoro_job();
  co_await libcoro_job();
  folly_job().scheduleOn(executor).start();
}
