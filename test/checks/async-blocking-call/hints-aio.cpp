// A coroutine of aio is told aio's way, for every category; a plain function
// it calls is judged in the coroutine's words.
// RUN: %check_async %s async-blocking-call %t --config="{CheckOptions: {async-blocking-call.MutexLocking: 'true'}}"

#include <aio/task.hpp>

#include <cstdlib>
#include <fstream>
#include <future>
#include <mutex>
#include <string>
#include <sys/socket.h>

std::string read_config(const std::string &path) {
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  return text;
}

aio::task<int> serve(int fd, std::future<int> &ready, std::mutex &m) {
  std::string config = read_config("/etc/demo.conf");
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: call to 'read_config' blocks the event loop thread in coroutine 'serve': it constructs 'std::ifstream' (file I/O); use aio::file or move the work to the loop's thread pool (co_await aio::to_thread(...)) [async-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-9]]:17: note: 'read_config' constructs 'std::ifstream' here
  char buffer[16];
  recv(fd, buffer, sizeof buffer, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'recv' blocks the event loop thread in coroutine 'serve' (network I/O); use aio::tcp_stream and aio::tcp_listener, or move the work to the loop's thread pool (co_await aio::to_thread(...)) [async-blocking-call]
  std::system("true");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'system' blocks the event loop thread in coroutine 'serve' (process); run and wait for the process on the loop's thread pool (co_await aio::to_thread(...)) [async-blocking-call]
  std::lock_guard<std::mutex> hold(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: construction of 'std::lock_guard<std::mutex>' blocks the event loop thread in coroutine 'serve' (mutex locking); use aio::mutex (auto guard = co_await m.scoped_lock()) or keep the critical section free of suspension points [async-blocking-call]
  co_return ready.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: call to 'std::future::get' blocks the event loop thread in coroutine 'serve' (synchronous wait); await an aio primitive instead (aio::event, aio::semaphore, a task) or wait on the loop's thread pool (co_await aio::to_thread(...)) [async-blocking-call]
}
