// RUN: %check_async %s async-blocking-call %t

#include "demo_task.h"

#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

demo::task<std::string> load_config(std::string path) {
  co_await demo::ready{};
  std::ifstream in(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: construction of 'std::ifstream' blocks the event loop thread in coroutine 'load_config' (file I/O); use the runtime's asynchronous file I/O or move the work to a thread pool and await it [async-blocking-call]
  std::string line;
  std::getline(in, line);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::getline' blocks the event loop thread in coroutine 'load_config' (file I/O)
  char buffer[16];
  in.read(buffer, sizeof buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: call to 'std::basic_ifstream::read' blocks the event loop thread in coroutine 'load_config' (file I/O)
  std::ofstream out;
  out.open(path + ".bak");
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to 'std::basic_ofstream::open' blocks the event loop thread in coroutine 'load_config' (file I/O)
  out.write(buffer, 4);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to 'std::basic_ofstream::write' blocks the event loop thread in coroutine 'load_config' (file I/O)
  std::fstream both(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: construction of 'std::fstream' blocks the event loop thread in coroutine 'load_config' (file I/O)
  co_return line;
}

demo::task<> c_and_posix_io(const char *path) {
  FILE *file = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: call to 'fopen' blocks the event loop thread in coroutine 'c_and_posix_io' (file I/O)
  char buffer[64];
  fread(buffer, 1, sizeof buffer, file);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'fread' blocks the event loop thread in coroutine 'c_and_posix_io' (file I/O)
  fgets(buffer, sizeof buffer, file);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'fgets' blocks the event loop thread in coroutine 'c_and_posix_io' (file I/O)
  fprintf(file, "%d", 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'fprintf' blocks the event loop thread in coroutine 'c_and_posix_io' (file I/O)
  fputs("x", file);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'fputs' blocks the event loop thread in coroutine 'c_and_posix_io' (file I/O)
  fflush(file);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'fflush' blocks the event loop thread in coroutine 'c_and_posix_io' (file I/O)
  fwrite(buffer, 1, 1, file);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'fwrite' blocks the event loop thread in coroutine 'c_and_posix_io' (file I/O)
  fclose(file);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'fclose' blocks the event loop thread in coroutine 'c_and_posix_io' (file I/O)
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: call to 'open' blocks the event loop thread in coroutine 'c_and_posix_io' (file I/O)
  read(fd, buffer, sizeof buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'read' blocks the event loop thread in coroutine 'c_and_posix_io' (file I/O)
  write(fd, buffer, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'write' blocks the event loop thread in coroutine 'c_and_posix_io' (file I/O)
  pread(fd, buffer, 1, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'pread' blocks the event loop thread in coroutine 'c_and_posix_io' (file I/O)
  pwrite(fd, buffer, 1, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'pwrite' blocks the event loop thread in coroutine 'c_and_posix_io' (file I/O)
  fsync(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'fsync' blocks the event loop thread in coroutine 'c_and_posix_io' (file I/O)
  co_return;
}

demo::task<bool> filesystem_calls(std::filesystem::path dir) {
  namespace fs = std::filesystem;
  bool present = fs::exists(dir);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: call to 'std::filesystem::exists' blocks the event loop thread in coroutine 'filesystem_calls' (file I/O)
  fs::create_directories(dir / "cache");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::filesystem::create_directories' blocks the event loop thread in coroutine 'filesystem_calls' (file I/O)
  for (const fs::directory_entry &entry : fs::directory_iterator(dir))
    // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: construction of 'fs::directory_iterator' blocks the event loop thread in coroutine 'filesystem_calls' (file I/O)
    (void)entry;
  auto size = fs::file_size(dir / "a");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: call to 'std::filesystem::file_size' blocks the event loop thread in coroutine 'filesystem_calls' (file I/O)
  (void)size;
  co_return present;
}

// Clean: these do not touch the disk.
demo::task<std::string> in_memory(std::filesystem::file_status status,
                                  std::filesystem::path p) {
  std::istringstream text("a\nb");
  std::string line;
  std::getline(text, line);
  std::ostringstream out;
  out.write("x", 1);
  bool dir = std::filesystem::is_directory(status);
  std::filesystem::path joined = p / "x";
  auto name = joined.filename().string();
  std::ifstream unopened;
  fprintf(stderr, "%d\n", dir);
  fprintf(stdout, "ok\n");
  std::fflush(stdout);
  fflush(stderr);
  co_return name + line;
}

// Clean: the same calls outside a coroutine.
std::string load_sync(const std::string &path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}
