// libcoro's executors: spawn_detached gives the task to the executor, which
// drops its failure; spawn_joinable starts the task at once and returns the
// only way to join it, so a dropped result is detached work (and blocks the
// thread until it ends). A task_group owns what it starts.
// RUN: %check_async %s async-detached-task %t

#include "demo_task.h"
#include "mock/detach_runtimes.h"

#include <memory>
#include <utility>
#include <vector>

coro::task<> handle_connection(int fd);
coro::task<> refresh_cache();

void detached(coro::thread_pool &pool, std::unique_ptr<coro::scheduler> &s) {
  pool.spawn_detached(refresh_cache());
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: call to 'coro::thread_pool::spawn_detached' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  s->spawn_detached(handle_connection(3));
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: call to 'coro::scheduler::spawn_detached' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  if (!s->spawn_detached(handle_connection(4)))
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'coro::scheduler::spawn_detached' detaches the work; nobody awaits it or sees its failure [async-detached-task]
    return;
  pool.spawn_joinable(refresh_cache());
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: result of 'coro::thread_pool::spawn_joinable' is discarded; nobody awaits the work it started or sees its failure [async-detached-task]
  (void)s->spawn_joinable(handle_connection(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: result of 'coro::scheduler::spawn_joinable' is cast to void; nobody awaits the work it started or sees its failure [async-detached-task]
}

// Clean: the joinable task is kept and awaited, or the work is started in a
// task group, which owns it and is awaited.
demo::task<> joined(coro::thread_pool &pool,
                    std::unique_ptr<coro::scheduler> &s) {
  auto refreshed = pool.spawn_joinable(refresh_cache());
  co_await s->spawn_joinable(handle_connection(6));
  std::vector<coro::task<>> joins;
  joins.push_back(s->spawn_joinable(handle_connection(7)));
  coro::task_group<coro::thread_pool> group{&pool, refresh_cache()};
  (void)group.start(handle_connection(8));
  if (!group.start(handle_connection(9)))
    co_return;
  co_await group;
  co_await std::move(refreshed);
}
