// stdexec's start_detached, folly's started tasks and SemiFutures, and
// libcoro's spawn onto an executor leave work without an owner; scopes
// (exec::async_scope, folly::coro::AsyncScope, cppcoro::async_scope) and
// libcoro's task_container own it.
// RUN: %check_async %s async-detached-task %t

#include "demo_task.h"
#include "mock/detach_runtimes.h"

#include <utility>

folly::coro::Task<int> folly_job();
folly::coro::Task<void> folly_void_job();
coro::task<> libcoro_job();
cppcoro::task<> cppcoro_job();

demo::task<> detached(folly::Executor *executor, coro::thread_pool &pool) {
  stdexec::start_detached(stdexec::just());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'stdexec::start_detached' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  folly_job().scheduleOn(executor).start();
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: result of 'folly::coro::TaskWithExecutor::start' is discarded; nobody awaits the work it started or sees its failure [async-detached-task]
  folly_job().semi();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: result of 'folly::coro::Task::semi' is discarded; nobody awaits the work it started or sees its failure [async-detached-task]
  pool.spawn(libcoro_job());
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: call to 'coro::thread_pool::spawn' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  co_return;
}

// Clean: owned by a scope or a container, or the future is kept.
int tracked(folly::Executor *executor, exec::async_scope &scope,
            folly::coro::AsyncScope &folly_scope, cppcoro::async_scope &cppcoro,
            coro::task_container &container) {
  scope.spawn(stdexec::just());
  folly_scope.add(folly_void_job().scheduleOn(executor));
  cppcoro.spawn(cppcoro_job());
  container.start(libcoro_job());
  auto future = folly_job().scheduleOn(executor).start();
  return std::move(future).get();
}
