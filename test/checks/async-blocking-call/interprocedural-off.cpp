// With FollowCalls off only the calls written in the coroutine itself are
// reported.
// RUN: %check_async --config="{CheckOptions: {async-blocking-call.FollowCalls: false}}" \
// RUN:   %s async-blocking-call %t

#include "demo_task.h"

#include <unistd.h>

int read_header(int fd) {
  char buffer[8];
  return int(read(fd, buffer, sizeof buffer));
}
int read_both(int fd) { return read_header(fd) + read_header(fd); }

demo::task<int> handler(int fd) {
  co_await demo::ready{};
  int n = read_both(fd) + read_header(fd) + [fd] { return read_header(fd); }();
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'sleep' blocks the event loop thread in coroutine 'handler' (sleep)
  co_return n;
}
