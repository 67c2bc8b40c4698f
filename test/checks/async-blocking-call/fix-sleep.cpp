// In aio code a sleep in a statement of its own becomes the loop's timer,
// whose header is included already; elsewhere only the warning is given.
// RUN: %check_async %s async-blocking-call %t

#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;

aio::task<> tick() {
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in coroutine 'tick' (sleep)
  // CHECK-FIXES: {{^}}  co_await aio::sleep(10ms);{{$}}
  if (true)
    std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in coroutine 'tick' (sleep)
  // CHECK-FIXES: {{^}}    std::this_thread::sleep_for(std::chrono::seconds(1));{{$}}
  co_return;
}
