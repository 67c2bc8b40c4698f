// Instantiated function templates and members of class templates are
// followed, each specialization with its own summary.
// RUN: %check_async %s async-blocking-call %t

#include "demo_task.h"

#include <fstream>
#include <string>
#include <unistd.h>

template <class T>
T parse_file(const std::string &path) {
  std::ifstream in(path);
  T value{};
  in >> value;
  return value;
}

struct DiskStore {
  void flush(int fd) { fsync(fd); }
};
struct MemoryStore {
  void flush(int) {}
};

template <class Store>
void save(Store &store, int fd) {
  store.flush(fd);
}

template <class T>
struct Cache {
  T value{};
  T refresh(const std::string &path) { return value = parse_file<T>(path); }
  T get() const { return value; }
};

demo::task<int> use_templates(DiskStore &disk, MemoryStore &memory, std::string path) {
  co_await demo::ready{};
  int limit = parse_file<int>(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: call to 'parse_file' blocks the event loop thread in coroutine 'use_templates': it constructs 'std::ifstream' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-29]]:17: note: 'parse_file' constructs 'std::ifstream' here
  save(disk, limit);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'save' blocks the event loop thread in coroutine 'use_templates': it indirectly calls 'fsync' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-17]]:9: note: 'save' calls 'DiskStore::flush' here
  // CHECK-MESSAGES: :[[@LINE-26]]:24: note: 'DiskStore::flush' calls 'fsync' here
  save(memory, limit);
  Cache<double> cache;
  double value = cache.refresh(path) + cache.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: call to 'Cache<double>::refresh' blocks the event loop thread in coroutine 'use_templates': it indirectly constructs 'std::ifstream' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-17]]:55: note: 'Cache<double>::refresh' calls 'parse_file' here
  // CHECK-MESSAGES: :[[@LINE-39]]:17: note: 'parse_file' constructs 'std::ifstream' here
  co_return limit + int(value);
}

// A coroutine template: the call is resolved in the instantiation.
template <class Store>
demo::task<> flush_later(Store &store, int fd) {
  co_await demo::ready{};
  save(store, fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'save' blocks the event loop thread in coroutine 'flush_later<DiskStore>': it indirectly calls 'fsync' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-34]]:9: note: 'save' calls 'DiskStore::flush' here
  // CHECK-MESSAGES: :[[@LINE-43]]:24: note: 'DiskStore::flush' calls 'fsync' here
}

void instantiate(DiskStore &disk, MemoryStore &memory) {
  flush_later(disk, 1);
  flush_later(memory, 1);
}

// A member of a class template is checked in the template and in each
// instantiation, which share their call sites: each is reported once.
template <class T>
struct Mailer {
  T value{};
  void load(const std::string &path) {
    std::ifstream in(path);
    in >> value;
  }
  demo::task<> send(std::string path) {
    co_await demo::ready{};
    load(path);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'Mailer::load' blocks the event loop thread in coroutine 'send': it constructs 'std::ifstream' (file I/O)
    // CHECK-MESSAGES: :[[@LINE-7]]:19: note: 'Mailer::load' constructs 'std::ifstream' here
  }
};
template struct Mailer<int>;
template struct Mailer<long>;
