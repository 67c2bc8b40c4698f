// A task type of no known runtime, in a namespace of the user's or in the
// global one (which the C library profiles name), gets advice that names no
// runtime, and no fix.
// RUN: %check_async %s async-blocking-call %t

#include "demo_task.h"

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

demo::task<> tick() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in coroutine 'tick' (sleep); await the runtime's timer instead [async-blocking-call]
  // CHECK-FIXES: {{^}}  std::this_thread::sleep_for(std::chrono::seconds(1));{{$}}
  co_return;
}

struct plain_task {
  struct promise_type {
    plain_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

plain_task load(std::string path) {
  std::ifstream in(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: construction of 'std::ifstream' blocks the event loop thread in coroutine 'load' (file I/O); use the runtime's asynchronous file I/O or move the work to a thread pool and await it [async-blocking-call]
  co_return;
}
