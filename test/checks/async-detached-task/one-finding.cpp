// One construct gets one finding, from the most specific check: dropping the
// handle of a task that create_task already started is detached work, not a
// missing co_await, although aio::task_handle is awaitable.
// RUN: %check_async %s async-detached-task,async-missing-co-await %t

#include <aio/aio.hpp>

aio::task<int> audit(int id);

aio::task<> both(int id) {
  aio::create_task(audit(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'aio::create_task' is discarded; nobody awaits the work it started or sees its failure [async-detached-task]
  (void)aio::shield(audit(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: result of 'aio::shield' is cast to void; nobody awaits the work it started or sees its failure [async-detached-task]
  auto handle = aio::create_task(audit(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: handle 'handle' is never used; nobody awaits the work started by 'aio::create_task' or sees its failure [async-detached-task]
  aio::spawn_detached(audit(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'aio::spawn_detached' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  audit(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'audit' is discarded; the task is lazy and never runs [async-missing-co-await]
  co_return;
}
