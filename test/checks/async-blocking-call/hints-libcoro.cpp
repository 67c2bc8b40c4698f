// A coroutine of libcoro is told libcoro's way: its task type is in the
// libcoro profile's task-types, or (a generator) in its namespace.
// RUN: %check_async %s async-blocking-call %t

#include "mock/libcoro.h"

#include <chrono>
#include <fstream>
#include <future>
#include <string>
#include <thread>

using namespace std::chrono_literals;

coro::task<> poll(coro::scheduler &scheduler) {
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in coroutine 'poll' (sleep); await the scheduler's timer instead (co_await scheduler->yield_for(d)) [async-blocking-call]
  co_await scheduler.yield_for(10ms);
}

coro::task<int> load(std::string path, std::future<int> &ready) {
  std::ifstream in(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: construction of 'std::ifstream' blocks the event loop thread in coroutine 'load' (file I/O); move the work to a coro::thread_pool (co_await pool.schedule() first) [async-blocking-call]
  co_return ready.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: call to 'std::future::get' blocks the event loop thread in coroutine 'load' (synchronous wait); await a libcoro primitive instead (coro::event, coro::latch, coro::semaphore, a task) or wait on a coro::thread_pool [async-blocking-call]
}

coro::generator<int> readings() {
  std::this_thread::sleep_for(1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in coroutine 'readings' (sleep); await the scheduler's timer instead (co_await scheduler->yield_for(d)) [async-blocking-call]
  co_yield 1;
}

// A lambda coroutine is its task type's too.
auto later = []() -> coro::task<> {
  std::this_thread::sleep_for(1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in a coroutine lambda (sleep); await the scheduler's timer instead (co_await scheduler->yield_for(d)) [async-blocking-call]
  co_return;
};

// A template's own return type names libcoro's task too.
template <typename T>
coro::task<T> after(T value) {
  std::this_thread::sleep_for(1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in coroutine 'after' (sleep); await the scheduler's timer instead (co_await scheduler->yield_for(d)) [async-blocking-call]
  co_return value;
}
