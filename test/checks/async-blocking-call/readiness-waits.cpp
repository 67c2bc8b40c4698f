// RUN: %check_async %s async-blocking-call %t

#include "demo_task.h"

#include <poll.h>
#include <sys/select.h>

demo::task<int> wait_readable(int fd) {
  co_await demo::ready{};
  pollfd readable{fd, POLLIN, 0};
  poll(&readable, 1, 1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'poll' blocks the event loop thread in coroutine 'wait_readable' (network I/O); use the runtime's asynchronous sockets and resolver [async-blocking-call]
  ppoll(&readable, 1, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'ppoll' blocks the event loop thread in coroutine 'wait_readable' (network I/O)
  fd_set set;
  FD_ZERO(&set);
  FD_SET(fd, &set);
  select(fd + 1, &set, nullptr, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'select' blocks the event loop thread in coroutine 'wait_readable' (network I/O)
  co_return pselect(fd + 1, &set, nullptr, nullptr, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: call to 'pselect' blocks the event loop thread in coroutine 'wait_readable' (network I/O)
}

// Clean: a user's own coroutines that share the names, and a readiness wait
// in a function that is not a coroutine.
demo::task<int> poll(int rounds) { co_return rounds; }
demo::task<int> select(const char *option) { co_return option != nullptr; }

demo::task<int> poll_sensors() {
  int samples = co_await poll(6);
  co_return samples + co_await select("fast");
}

int wait_synchronously(int fd) {
  pollfd readable{fd, POLLIN, 0};
  return poll(&readable, 1, -1);
}
