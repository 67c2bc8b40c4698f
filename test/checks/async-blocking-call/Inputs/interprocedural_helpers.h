// Plain helpers defined in a user header, for interprocedural-header.cpp.
#ifndef INTERPROCEDURAL_HELPERS_H
#define INTERPROCEDURAL_HELPERS_H

#include "demo_task.h"

#include <unistd.h>

inline int read_record(int fd, char *buffer, int size) {
  return int(read(fd, buffer, size));
}

inline int read_twice(int fd, char *buffer, int size) {
  return read_record(fd, buffer, size) + read_record(fd, buffer, size);
}

inline int header_size() { return 16; }

// A coroutine in the header: findings in headers are filtered out unless
// the header filter selects them.
inline demo::task<int> header_coroutine(int fd) {
  char buffer[16];
  co_await demo::ready{};
  co_return read_twice(fd, buffer, 16);
}

#endif
