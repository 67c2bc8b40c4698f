// A coroutine of no known runtime is offered no runtime's fix: "co_await
// aio::sleep" is aio's advice, for aio code.
// RUN: %check_async %s async-blocking-call %t

#include "demo_task.h"

#include <chrono>
#include <thread>

demo::task<> tick() {
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in coroutine 'tick' (sleep)
  // CHECK-FIXES: {{^}}  std::this_thread::sleep_for(std::chrono::milliseconds(10));{{$}}
  co_return;
}
