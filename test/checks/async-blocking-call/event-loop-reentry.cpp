// RUN: %check_async %s async-blocking-call %t

#include "demo_task.h"
#include "mock/other_runtimes.h"

#include <aio/event_loop.hpp>
#include <boost/asio/io_context.hpp>

demo::task<> nested(boost::asio::io_context &io, cppcoro::io_service &svc,
                    demo::task<> inner) {
  co_await demo::ready{};
  io.run();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: call to 'boost::asio::io_context::run' blocks the event loop thread in coroutine 'nested' (event-loop re-entry); co_await the task instead of running a loop inside the running one [async-blocking-call]
  io.run_one();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: call to 'boost::asio::io_context::run_one' blocks the event loop thread in coroutine 'nested' (event-loop re-entry)
  io.run_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: call to 'boost::asio::io_context::run_for' blocks the event loop thread in coroutine 'nested' (event-loop re-entry)
  cppcoro::sync_wait(inner);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'cppcoro::sync_wait' blocks the event loop thread in coroutine 'nested' (event-loop re-entry)
  coro::sync_wait(inner);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'coro::sync_wait' blocks the event loop thread in coroutine 'nested' (event-loop re-entry)
  folly::coro::blockingWait(inner);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'folly::coro::blockingWait' blocks the event loop thread in coroutine 'nested' (event-loop re-entry)
  stdexec::sync_wait(inner);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'stdexec::sync_wait' blocks the event loop thread in coroutine 'nested' (event-loop re-entry)
  svc.process_events();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to 'cppcoro::io_service::process_events' blocks the event loop thread in coroutine 'nested' (event-loop re-entry)
}

aio::task<int> answer() { co_return 42; }

aio::task<int> reenter_aio() {
  int value = aio::run(answer());
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: call to 'aio::run' blocks the event loop thread in coroutine 'reenter_aio' (event-loop re-entry)
  co_return value + co_await answer();
}

// Clean: running a loop is what main does.
int main() {
  boost::asio::io_context io;
  io.run();
  return aio::run(answer());
}
