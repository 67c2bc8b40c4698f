// Lambdas called on the spot are followed like functions; a lambda that is
// itself a coroutine is checked on its own, and one that is only passed on
// or stored is not called here.
// RUN: %check_async %s async-blocking-call %t

#include "demo_task.h"

#include <functional>
#include <string>
#include <unistd.h>

int read_header(int fd) {
  char buffer[8];
  return int(read(fd, buffer, sizeof buffer));
}

demo::task<int> immediate(int fd) {
  co_await demo::ready{};
  [] { usleep(10); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to a lambda blocks the event loop thread in coroutine 'immediate': it calls 'usleep' (sleep)
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: the lambda calls 'usleep' here
  auto header = [fd] { return read_header(fd); };
  int size = header();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: call to a lambda blocks the event loop thread in coroutine 'immediate': it indirectly calls 'read' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: the lambda calls 'read_header' here
  // CHECK-MESSAGES: :[[@LINE-12]]:14: note: 'read_header' calls 'read' here
  auto pause = [](auto micros) { usleep(micros); };
  pause(5u);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to a lambda blocks the event loop thread in coroutine 'immediate': it calls 'usleep' (sleep)
  // CHECK-MESSAGES: :[[@LINE-3]]:34: note: the lambda calls 'usleep' here
  co_return size;
}

// A plain helper that calls a lambda it defines.
int with_retry(int fd) {
  auto attempt = [fd] { return read_header(fd); };
  int got = attempt();
  return got < 0 ? attempt() : got;
}

demo::task<int> through_helper(int fd) {
  co_await demo::ready{};
  co_return with_retry(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: call to 'with_retry' blocks the event loop thread in coroutine 'through_helper': it indirectly calls 'read' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-8]]:13: note: 'with_retry' calls a lambda here
  // CHECK-MESSAGES: :[[@LINE-10]]:32: note: the lambda calls 'read_header' here
  // CHECK-MESSAGES: :[[@LINE-33]]:14: note: 'read_header' calls 'read' here
}

// A coroutine lambda is reported on its own.
auto handler = [](int fd) -> demo::task<int> {
  co_await demo::ready{};
  co_return read_header(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: call to 'read_header' blocks the event loop thread in a coroutine lambda: it calls 'read' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-41]]:14: note: 'read_header' calls 'read' here
};

// Clean: calling a coroutine lambda makes a task, whose body is checked on
// its own; lambdas that are stored or passed on are not called here.
int make_task_only(int fd) {
  auto task = [fd]() -> demo::task<int> { co_return read_header(fd); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:53: warning: call to 'read_header' blocks the event loop thread in a coroutine lambda: it calls 'read' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-49]]:14: note: 'read_header' calls 'read' here
  (void)task;
  return fd;
}

demo::task<int> not_called(int fd, std::function<int()> &slot) {
  co_await demo::ready{};
  int fd2 = make_task_only(fd);
  slot = [fd] { return read_header(fd); };
  auto later = [fd2] { sleep(1); return fd2; };
  co_return fd2 + sizeof(later);
}
