// A virtual call is followed when the object's dynamic type is known (a local
// or a member held by value), and a call through a std::function local is
// followed into the lambda it was initialised from and still holds.
// RUN: %check_async %s async-blocking-call %t

#include "demo_task.h"

#include <functional>
#include <unistd.h>

struct Sink {
  virtual ~Sink() = default;
  virtual void put(int value) { (void)value; }
};
struct FileSink : Sink {
  void put(int value) override { sleep(unsigned(value)); }
};

struct Recorder {
  FileSink file;
  Sink &chosen;
  Sink *fallback;
  demo::task<> record(int value);
};

demo::task<> Recorder::record(int value) {
  co_await demo::ready{};
  file.put(value);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: call to 'FileSink::put' blocks the event loop thread in coroutine 'record': it calls 'sleep' (sleep)
  // CHECK-MESSAGES: :[[@LINE-14]]:34: note: 'FileSink::put' calls 'sleep' here
  FileSink local;
  local.put(value);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: call to 'FileSink::put' blocks the event loop thread in coroutine 'record': it calls 'sleep' (sleep)
  // CHECK-MESSAGES: :[[@LINE-18]]:34: note: 'FileSink::put' calls 'sleep' here
  // Clean: through a reference or a pointer the override is unknown.
  chosen.put(value);
  fallback->put(value);
  Sink &alias = local;
  alias.put(value);
}

demo::task<> through_function(int fd) {
  co_await demo::ready{};
  std::function<void()> pause = [] { usleep(100); };
  pause();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to a lambda blocks the event loop thread in coroutine 'through_function': it calls 'usleep' (sleep)
  // CHECK-MESSAGES: :[[@LINE-3]]:38: note: the lambda calls 'usleep' here
  const std::function<long(char *)> fill([fd](char *buffer) {
    return read(fd, buffer, 1);
  });
  char byte;
  if (fill)
    fill(&byte);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to a lambda blocks the event loop thread in coroutine 'through_function': it calls 'read' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-6]]:12: note: the lambda calls 'read' here
}

// Clean: the wrapper may hold another callable by the time it is called.
demo::task<> reassigned(std::function<void()> &slot, bool quiet) {
  co_await demo::ready{};
  std::function<void()> step = [] { usleep(100); };
  if (quiet)
    step = [] {};
  step();
  std::function<void()> handed = [] { usleep(100); };
  slot.swap(handed);
  handed();
  slot();
}
