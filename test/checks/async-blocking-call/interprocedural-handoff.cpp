// A callable handed to another thread or executor (aio::to_thread,
// asio::post, std::thread) runs elsewhere: calls through such a handoff are
// not followed. An in-house pool is named through ExtraHandoffFunctions.
// RUN: %check_async %s async-blocking-call %t
// RUN: %check_async --check-suffix=INHOUSE \
// RUN:   --config="{CheckOptions: {async-blocking-call.ExtraHandoffFunctions: 'inhouse::pool::submit'}}" \
// RUN:   %s async-blocking-call %t

#include <aio/task.hpp>
#include <aio/to_thread.hpp>

#include <fstream>
#include <string>
#include <thread>

// This stand-in for asio runs the handler at once, so only the catalog's
// list of handoffs keeps the check from following it.
namespace asio {
struct thread_pool {
  struct executor_type {};
  executor_type get_executor() { return {}; }
};
template <class Executor, class Handler>
void post(Executor, Handler handler) {
  handler();
}
} // namespace asio

// An in-house pool that the catalog does not know.
namespace inhouse {
struct pool {
  template <class F>
  void submit(F job) { job(); }
};
} // namespace inhouse

std::string read_file(const std::string &path) {
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  return text;
}

void store_later(asio::thread_pool &pool, std::string path) {
  asio::post(pool.get_executor(), [path] { read_file(path); });
}

void start_worker(std::string path) {
  std::thread worker([path] { read_file(path); });
  worker.detach();
}

void run_worker(std::string path) {
  std::thread worker([path] { read_file(path); });
  worker.join();
}

void queue_job(inhouse::pool &pool, std::string path) {
  pool.submit([path] { read_file(path); });
}

aio::task<std::string> handoffs(asio::thread_pool &pool, inhouse::pool &jobs,
                                std::string path) {
  std::string text = co_await aio::to_thread([path] { return read_file(path); });
  asio::post(pool.get_executor(), [path] { read_file(path); });
  store_later(pool, path);
  start_worker(path);
  run_worker(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'run_worker' blocks the event loop thread in coroutine 'handoffs': it calls 'std::thread::join' (synchronous wait)
  // CHECK-MESSAGES: :[[@LINE-15]]:10: note: 'run_worker' calls 'std::thread::join' here
  // CHECK-MESSAGES-INHOUSE: :[[@LINE-3]]:3: warning: call to 'run_worker' blocks the event loop thread in coroutine 'handoffs': it calls 'std::thread::join' (synchronous wait)
  // CHECK-MESSAGES-INHOUSE: :[[@LINE-17]]:10: note: 'run_worker' calls 'std::thread::join' here
  queue_job(jobs, path);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'queue_job' blocks the event loop thread in coroutine 'handoffs': it indirectly constructs 'std::ifstream' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-16]]:8: note: 'queue_job' calls 'inhouse::pool::submit' here
  // CHECK-MESSAGES: :[[@LINE-43]]:24: note: 'inhouse::pool::submit' calls a lambda here
  // CHECK-MESSAGES: :[[@LINE-18]]:24: note: the lambda calls 'read_file' here
  // CHECK-MESSAGES: :[[@LINE-40]]:17: note: 'read_file' constructs 'std::ifstream' here
  co_return text;
}
