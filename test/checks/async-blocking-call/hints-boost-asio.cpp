// A Boost.Asio coroutine is told asio's way; no advice names aio.
// REQUIRES: boost-asio
// RUN: %check_async %s async-blocking-call %t

#include <boost/asio.hpp>

#include <chrono>
#include <fstream>
#include <future>
#include <string>
#include <thread>

namespace asio = boost::asio;

asio::awaitable<int> poll(std::string path, std::future<int> &ready) {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in coroutine 'poll' (sleep); await a timer instead (co_await asio::steady_timer{ex, d}.async_wait(asio::use_awaitable)) [async-blocking-call]
  std::ifstream in(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: construction of 'std::ifstream' blocks the event loop thread in coroutine 'poll' (file I/O); use asio::stream_file or asio::random_access_file, or run the work on an asio::thread_pool and await it (co_await asio::co_spawn(pool, ..., asio::use_awaitable)) [async-blocking-call]
  co_return ready.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: call to 'std::future::get' blocks the event loop thread in coroutine 'poll' (synchronous wait); await an asio operation instead (a steady_timer, an experimental::channel) or run the wait on an asio::thread_pool and await it [async-blocking-call]
}
