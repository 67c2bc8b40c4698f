// aio: a std::mutex held across aio::sleep is reported; an aio::mutex held
// across a suspension is what it is for, also when a std guard adopts it.
// RUN: %check_async %s async-lock-across-suspension %t

#include <aio/aio.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <string>

using namespace std::chrono_literals;

std::mutex cache_mutex;
aio::mutex io_mutex;
std::map<int, std::string> cache;

aio::task<std::string> fetch(int key);

aio::task<std::string> lookup(int key) {
  std::lock_guard guard(cache_mutex);
  if (auto it = cache.find(key); it != cache.end())
    co_return it->second;
  auto value = co_await fetch(key);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'std::lock_guard<std::mutex>' 'guard' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks; use aio::mutex, whose waiters suspend (auto guard = co_await m.scoped_lock()) [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-5]]:19: note: locked here
  cache[key] = value;
  co_return value;
}

aio::task<> throttled_refresh() {
  cache_mutex.lock();
  cache.clear();
  co_await aio::sleep(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cache_mutex' is locked across this suspension point; another task on this thread that locks it deadlocks; use aio::mutex, whose waiters suspend (auto guard = co_await m.scoped_lock()) [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: locked here
  cache_mutex.unlock();
}

// The asynchronous mutex: waiters suspend, the thread runs on.
aio::task<> write_log(std::string line) {
  auto guard = co_await io_mutex.scoped_lock();
  co_await aio::sleep(1ms);
  co_await fetch(0);
  (void)line;
}

aio::task<> adopted_async_lock() {
  co_await io_mutex.lock();
  std::unique_lock<aio::mutex> lock(io_mutex, std::adopt_lock);
  co_await aio::yield();
  lock.unlock();
  std::unique_lock<aio::mutex> later(io_mutex, std::defer_lock);
  if (later.try_lock())
    co_await aio::yield();
}

// The std::mutex is released before the await.
aio::task<std::string> lookup_then_fetch(int key) {
  {
    std::lock_guard guard(cache_mutex);
    if (auto it = cache.find(key); it != cache.end())
      co_return it->second;
  }
  auto value = co_await fetch(key);
  std::lock_guard guard(cache_mutex);
  cache[key] = value;
  co_return value;
}
