// RUN: %check_async %s async-blocking-call %t

#include "demo_task.h"

#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>

demo::task<int> run_tool() {
  co_await demo::ready{};
  int status = std::system("make");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: call to 'system' blocks the event loop thread in coroutine 'run_tool' (process); run and wait for the process on a thread pool and await it [async-blocking-call]
  FILE *pipe = popen("ls", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: call to 'popen' blocks the event loop thread in coroutine 'run_tool' (process)
  pclose(pipe);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'pclose' blocks the event loop thread in coroutine 'run_tool' (process)
  wait(&status);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'wait' blocks the event loop thread in coroutine 'run_tool' (process)
  waitpid(-1, &status, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'waitpid' blocks the event loop thread in coroutine 'run_tool' (process)
  co_return status;
}

// Clean: outside a coroutine.
int run_tool_sync() { return std::system("make"); }
