// A coroutine that only drives an event loop, started by sync_wait beside
// the work (cppcoro's tests do this), runs the loop on the thread that waits,
// which is no loop's thread. The same loop run anywhere else re-enters a
// loop from a loop thread.
// RUN: %check_async %s async-blocking-call %t -- -I%S/Inputs

#include "loop_runtimes.h"

#include <utility>

demo::task<> serve(cppcoro::io_service &io) {
  co_await io.schedule();
  io.stop();
}

// Clean: the loop driver is started in sync_wait's awaitable, written on the
// spot or held by a variable.
void run_on_waiting_thread(cppcoro::io_service &io) {
  cppcoro::sync_wait(cppcoro::when_all_ready(serve(io), [&]() -> demo::task<> {
    io.process_events();
    co_return;
  }()));
  auto process = [&]() -> demo::task<> {
    io.process_events();
    co_return;
  };
  cppcoro::sync_wait(cppcoro::when_all_ready(serve(io), process()));
}

void run_libcoro_manually(coro::scheduler &s) {
  auto drive = [&]() -> demo::task<int> {
    (void)s.process_events(std::chrono::milliseconds{100});
    co_return 0;
  };
  coro::sync_wait(coro::when_all(drive()));
}

// Reported: the same drivers started where a loop thread resumes them, or
// doing more than driving the loop.
demo::task<> awaited_on_loop(cppcoro::io_service &io) {
  auto process = [&]() -> demo::task<> {
    io.process_events();
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: call to 'cppcoro::io_service::process_events' blocks the event loop thread in a coroutine lambda (event-loop re-entry)
    co_return;
  };
  co_await serve(io);
  co_await process();
}

void started_outside_the_wait(cppcoro::io_service &io) {
  auto process = [&]() -> demo::task<> {
    io.process_events();
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: call to 'cppcoro::io_service::process_events' blocks the event loop thread in a coroutine lambda (event-loop re-entry)
    co_return;
  };
  auto early = process();
  cppcoro::sync_wait(cppcoro::when_all_ready(serve(io), std::move(early)));
}

void hops_first(cppcoro::io_service &io) {
  cppcoro::sync_wait(cppcoro::when_all_ready(serve(io), [&]() -> demo::task<> {
    co_await io.schedule();
    io.process_events();
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: call to 'cppcoro::io_service::process_events' blocks the event loop thread in a coroutine lambda (event-loop re-entry)
  }()));
}

template <typename F>
void keep(F &&f) { (void)f; }
void passed_on(coro::scheduler &s) {
  auto drive = [&]() -> demo::task<> {
    s.process_events();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to 'coro::scheduler::process_events' blocks the event loop thread in a coroutine lambda (event-loop re-entry)
    co_return;
  };
  keep(drive);
  coro::sync_wait(drive());
}

// libcoro: a coroutine on the scheduler's thread that runs the scheduler or
// waits synchronously.
demo::task<> handler(coro::scheduler &s) {
  co_await s.schedule();
  s.process_events(std::chrono::milliseconds{10});
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'coro::scheduler::process_events' blocks the event loop thread in coroutine 'handler' (event-loop re-entry); co_await the task instead of running a loop inside the running one [async-blocking-call]
  coro::sync_wait(s.schedule());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'coro::sync_wait' blocks the event loop thread in coroutine 'handler' (event-loop re-entry)
}
