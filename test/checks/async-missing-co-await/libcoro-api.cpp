// libcoro's tasks are lazy: a task or a timer wait that is dropped never
// runs. Declarations from the libcoro stubs.
// RUN: %check_async %s async-missing-co-await %t

#include "mock/libcoro.h"

#include <chrono>
#include <memory>

using namespace std::chrono_literals;

coro::task<> flush();

coro::task<> tick(std::unique_ptr<coro::scheduler> &s) {
  flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'flush' is discarded; the task {{(is lazy and )?}}never runs [async-missing-co-await]
  s->yield_for(100ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: awaitable returned by 'coro::scheduler::yield_for' is discarded; the task {{(is lazy and )?}}never runs [async-missing-co-await]
  auto later = s->schedule_after(1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: awaitable 'later' is never awaited, returned or passed on; the task {{(is lazy and )?}}never runs [async-missing-co-await]
  co_return;
}

// Clean: awaited, or handed to the executor or a task group.
coro::task<> handed(std::unique_ptr<coro::scheduler> &s,
                    coro::thread_pool &pool) {
  co_await flush();
  co_await s->yield_for(100ms);
  s->spawn_detached(flush());
  coro::task_group<coro::thread_pool> group{&pool};
  (void)group.start(flush());
  co_await group;
}
