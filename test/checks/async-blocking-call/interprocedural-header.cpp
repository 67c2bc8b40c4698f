// A helper defined in a header is followed; the notes point into the header.
// RUN: %check_async %s async-blocking-call %t -- -I%S/Inputs

#include "interprocedural_helpers.h"

demo::task<int> consumer(int fd) {
  char buffer[16];
  co_await demo::ready{};
  int n = read_twice(fd, buffer, header_size());
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'read_twice' blocks the event loop thread in coroutine 'consumer': it indirectly calls 'read' (file I/O)
  // CHECK-MESSAGES: interprocedural_helpers.h:14:10: note: 'read_twice' calls 'read_record' here
  // CHECK-MESSAGES: interprocedural_helpers.h:10:14: note: 'read_record' calls 'read' here
  co_return n + co_await header_coroutine(fd);
}
