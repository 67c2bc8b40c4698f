// A call through a function pointer that can only hold one function is
// followed into that function: a const pointer, or a local that is only read.
// RUN: %check_async %s async-blocking-call %t

#include "demo_task.h"

#include <unistd.h>

void pause_briefly() { usleep(100); }
void stay_awake() {}

void (*const pause_hook)() = &pause_briefly;

demo::task<> through_const_pointer() {
  co_await demo::ready{};
  pause_hook();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'pause_briefly' blocks the event loop thread in coroutine 'through_const_pointer': it calls 'usleep' (sleep); await the runtime's timer instead [async-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-9]]:24: note: 'pause_briefly' calls 'usleep' here
}

demo::task<> through_local_pointer() {
  co_await demo::ready{};
  auto hook = &pause_briefly;
  (*hook)();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'pause_briefly' blocks the event loop thread in coroutine 'through_local_pointer': it calls 'usleep' (sleep); await the runtime's timer instead [async-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-17]]:24: note: 'pause_briefly' calls 'usleep' here
}

// A pointer that may change, or points at a clean function: not reported.
void (*mutable_hook)() = &pause_briefly;

demo::task<> through_changed_pointer(bool quiet) {
  co_await demo::ready{};
  auto hook = &pause_briefly;
  if (quiet)
    hook = &stay_awake;
  hook();
  mutable_hook();
  auto clean = &stay_awake;
  clean();
}
