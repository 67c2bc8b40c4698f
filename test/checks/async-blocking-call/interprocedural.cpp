// A coroutine that calls a plain function which blocks, directly or through
// the functions it calls, is reported at the call, with the chain in notes.
// RUN: %check_async %s async-blocking-call %t

#include "demo_task.h"

#include <chrono>
#include <fcntl.h>
#include <fstream>
#include <string>
#include <thread>
#include <unistd.h>

std::string load_settings(const std::string &path) {
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  return text;
}

demo::task<std::string> handler(std::string path) {
  co_await demo::ready{};
  std::string settings = load_settings(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: call to 'load_settings' blocks the event loop thread in coroutine 'handler': it constructs 'std::ifstream' (file I/O); use the runtime's asynchronous file I/O or move the work to a thread pool and await it [async-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-10]]:17: note: 'load_settings' constructs 'std::ifstream' here
  co_return settings;
}

// A chain of three calls down to the blocking one.
void pause_briefly() {
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
}
int back_off(int attempt) {
  if (attempt > 3)
    pause_briefly();
  return attempt + 1;
}
int retry(int attempts) {
  int attempt = 0;
  while (attempt < attempts)
    attempt = back_off(attempt);
  return attempt;
}

demo::task<int> poll(int attempts) {
  co_await demo::ready{};
  int done = retry(attempts);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: call to 'retry' blocks the event loop thread in coroutine 'poll': it indirectly calls 'std::this_thread::sleep_for' (sleep); await the runtime's timer instead [async-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-8]]:15: note: 'retry' calls 'back_off' here
  // CHECK-MESSAGES: :[[@LINE-15]]:5: note: 'back_off' calls 'pause_briefly' here
  // CHECK-MESSAGES: :[[@LINE-20]]:3: note: 'pause_briefly' calls 'std::this_thread::sleep_for' here
  // A helper called twice is reported twice, from one summary.
  done += back_off(done);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'back_off' blocks the event loop thread in coroutine 'poll': it indirectly calls 'std::this_thread::sleep_for' (sleep)
  // CHECK-MESSAGES: :[[@LINE-20]]:5: note: 'back_off' calls 'pause_briefly' here
  // CHECK-MESSAGES: :[[@LINE-25]]:3: note: 'pause_briefly' calls 'std::this_thread::sleep_for' here
  co_return done;
}

// Member functions and constructors are followed, member initializers
// included.
class Journal {
public:
  explicit Journal(const char *path) : fd(open_log(path)) {}
  void append(const std::string &line) {
    format(line);
    ::write(fd, line.data(), line.size());
  }
  int size() const { return count; }
  static int open_log(const char *path) { return ::open(path, O_WRONLY); }

private:
  void format(const std::string &line) { count += int(line.size()); }
  int fd;
  int count = 0;
};

demo::task<int> record(std::string line) {
  Journal journal("journal.log");
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: construction of 'Journal' blocks the event loop thread in coroutine 'record': it indirectly calls 'open' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-17]]:43: note: 'Journal::Journal' calls 'Journal::open_log' here
  // CHECK-MESSAGES: :[[@LINE-12]]:50: note: 'Journal::open_log' calls 'open' here
  co_await demo::ready{};
  journal.append(line);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'Journal::append' blocks the event loop thread in coroutine 'record': it calls 'write' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-19]]:5: note: 'Journal::append' calls 'write' here
  co_return journal.size();
}

// Not followed: a function declared but not defined here, a virtual call, a
// call through a function pointer that may point anywhere.
void flush_to_disk();
struct Sink {
  virtual ~Sink() = default;
  virtual void put(int value) { usleep(unsigned(value)); }
};
struct FinalSink final : Sink {
  void put(int value) override { sleep(unsigned(value)); }
};
void nap(int seconds) { sleep(unsigned(seconds)); }

demo::task<> unknown_targets(Sink &sink, FinalSink &final_sink, void (*hook)(int)) {
  co_await demo::ready{};
  flush_to_disk();
  sink.put(1);
  hook(1);
  // A local pointer that is only read can only call the function it was
  // made from.
  void (*stored)(int) = &nap;
  stored(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'nap' blocks the event loop thread in coroutine 'unknown_targets': it calls 'sleep' (sleep)
  // CHECK-MESSAGES: :[[@LINE-12]]:25: note: 'nap' calls 'sleep' here
  // A call that names the class, or of a final override, runs that body.
  sink.Sink::put(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: call to 'Sink::put' blocks the event loop thread in coroutine 'unknown_targets': it calls 'usleep' (sleep)
  // CHECK-MESSAGES: :[[@LINE-21]]:33: note: 'Sink::put' calls 'usleep' here
  final_sink.put(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: call to 'FinalSink::put' blocks the event loop thread in coroutine 'unknown_targets': it calls 'sleep' (sleep)
  // CHECK-MESSAGES: :[[@LINE-21]]:34: note: 'FinalSink::put' calls 'sleep' here
}

// NOLINT at the call in the coroutine silences the finding and its notes.
demo::task<> quiet(std::string path) {
  co_await demo::ready{};
  load_settings(path); // NOLINT(async-blocking-call)
  nap(1);              // NOLINT
  // NOLINTNEXTLINE(async-blocking-call)
  retry(3);
}

// Clean: plain helpers that do not block, called from a coroutine.
int checksum(const std::string &text) {
  int sum = 0;
  for (char c : text)
    sum += c;
  return sum;
}
std::string normalise(std::string text) {
  for (char &c : text)
    if (c == '\t')
      c = ' ';
  return text + std::to_string(checksum(text));
}
struct Counter {
  int value = 0;
  Counter() = default;
  explicit Counter(int start) : value(start) {}
  void bump() { value += checksum("x"); }
};

demo::task<int> clean(std::string text) {
  co_await demo::ready{};
  Counter counter(checksum(text));
  counter.bump();
  Counter other;
  std::string normal = normalise(text);
  co_return counter.value + other.value + checksum(normal);
}

// Clean: the same blocking helpers called from plain code.
int startup(const std::string &path) {
  return int(load_settings(path).size()) + retry(2);
}
