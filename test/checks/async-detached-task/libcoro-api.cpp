// libcoro's executors (0.16 on): spawn_detached drops the task's failure,
// and spawn_joinable's result is the only way to join the task. A task
// group owns what it starts. Declarations from the libcoro stubs.
// RUN: %check_async %s async-detached-task %t

#include "mock/libcoro.h"

#include <memory>
#include <utility>

coro::task<> audit(int id);

coro::task<> serve(std::unique_ptr<coro::scheduler> &s,
                   coro::thread_pool &pool) {
  s->spawn_detached(audit(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: call to 'coro::scheduler::spawn_detached' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  pool.spawn_joinable(audit(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: result of 'coro::thread_pool::spawn_joinable' is discarded; nobody awaits the work it started or sees its failure [async-detached-task]
  co_return;
}

// Clean: joined, or owned by a group that is awaited.
coro::task<> owned(std::unique_ptr<coro::scheduler> &s,
                   coro::thread_pool &pool) {
  auto joined = s->spawn_joinable(audit(3));
  coro::task_group<coro::thread_pool> group{&pool, audit(4)};
  (void)group.start(audit(5));
  co_await group;
  co_await std::move(joined);
}
