// RUN: %check_async %s async-blocking-call %t

#include "demo_task.h"

#include <chrono>
#include <thread>
#include <time.h>
#include <unistd.h>

using namespace std::chrono_literals;

demo::task<> poll_sensor() {
  co_await demo::ready{};
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in coroutine 'poll_sensor' (sleep); await the runtime's timer instead [async-blocking-call]
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::this_thread::sleep_until' blocks the event loop thread in coroutine 'poll_sensor' (sleep)
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'sleep' blocks the event loop thread in coroutine 'poll_sensor' (sleep)
  ::usleep(100);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'usleep' blocks the event loop thread in coroutine 'poll_sensor' (sleep)
  timespec delay{0, 1000};
  nanosleep(&delay, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'nanosleep' blocks the event loop thread in coroutine 'poll_sensor' (sleep)
}

// co_yield and co_return make coroutines too; so does a coroutine lambda.
demo::task<int> compute() {
  using std::this_thread::sleep_for;
  sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in coroutine 'compute' (sleep)
  co_return 42;
}

auto make_handler() {
  return []() -> demo::task<> {
    sleep(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'sleep' blocks the event loop thread in a coroutine lambda (sleep)
    co_return;
  };
}

// A sleep in a template is reported once, at the line it is written.
template <typename Duration>
demo::task<> pause(Duration d) {
  std::this_thread::sleep_for(d);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in coroutine 'pause<std::chrono::duration<long, std::ratio<1, 1000>>>' (sleep)
  co_return;
}
template demo::task<> pause(std::chrono::milliseconds);

// Clean: plain functions may sleep; so may a plain lambda sent elsewhere from
// inside a coroutine, and a thread's function.
void worker() { std::this_thread::sleep_for(1ms); }

template <typename F>
demo::task<> run_on_pool(F) { co_return; }

demo::task<> offload() {
  co_await run_on_pool([] { std::this_thread::sleep_for(1ms); });
  std::thread t([] { sleep(1); });
  t.detach();
  struct local {
    static void wait() { sleep(1); }
  };
  co_return;
}

// A user function that happens to be called sleep is not the C library's.
namespace mine {
void sleep(int);
}
demo::task<> not_the_libc_one() {
  mine::sleep(1);
  co_return;
}

demo::task<> suppressed() {
  sleep(1); // NOLINT(async-blocking-call)
  co_return;
}
