// libcoro's blocking calls inside a coroutine: coro::sync_wait and
// scheduler::process_events run tasks or events on the coroutine's thread
// until they finish. Declarations from the libcoro stubs.
// RUN: %check_async %s async-blocking-call %t

#include "mock/libcoro.h"

#include <chrono>
#include <memory>
#include <thread>

using namespace std::chrono_literals;

coro::task<int> compute();

coro::task<int> nested(std::unique_ptr<coro::scheduler> &s) {
  int value = coro::sync_wait(compute());
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: call to 'coro::sync_wait' blocks the event loop thread in coroutine 'nested' (event-loop re-entry); co_await the task instead of running coro::sync_wait or scheduler::process_events inside a coroutine [async-blocking-call]
  s->process_events(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: call to 'coro::scheduler::process_events' blocks the event loop thread in coroutine 'nested' (event-loop re-entry); co_await the task instead of running coro::sync_wait or scheduler::process_events inside a coroutine [async-blocking-call]
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in coroutine 'nested' (sleep); await the scheduler's timer instead (co_await scheduler->yield_for(d)) [async-blocking-call]
  co_return value;
}

// Clean: the awaitable alternatives, and sync_wait outside a coroutine.
coro::task<int> awaited(std::unique_ptr<coro::scheduler> &s,
                        coro::thread_pool &pool) {
  co_await s->yield_for(10ms);
  co_await pool.schedule();
  co_return co_await compute();
}

int main() { return coro::sync_wait(compute()); }
