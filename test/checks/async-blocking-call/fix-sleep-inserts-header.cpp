// In aio code a sleep_for statement becomes aio's timer, and the header that
// declares aio::sleep is added when no #include names it yet; the result
// compiles. Other sleeps keep only the warning: sleep() counts seconds.
// RUN: %check_async %s async-blocking-call %t
// RUN: clang++-19 -std=c++20 -fsyntax-only -I%runtime_include %t.fixed.cpp

#include <aio/task.hpp>
// CHECK-FIXES: {{^}}#include <aio/sleep.hpp>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <aio/task.hpp>{{$}}

#include <chrono>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

aio::task<> tick() {
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in coroutine 'tick' (sleep); await the loop's timer instead (co_await aio::sleep(d)) [async-blocking-call]
  // CHECK-FIXES: {{^}}  co_await aio::sleep(10ms);{{$}}
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in coroutine 'tick' (sleep); await the loop's timer instead (co_await aio::sleep(d)) [async-blocking-call]
  // CHECK-FIXES: {{^}}  co_await aio::sleep(std::chrono::seconds(1));{{$}}
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'sleep' blocks the event loop thread in coroutine 'tick' (sleep); await the loop's timer instead (co_await aio::sleep(d)) [async-blocking-call]
  // CHECK-FIXES: {{^}}  sleep(1);{{$}}
  co_return;
}
