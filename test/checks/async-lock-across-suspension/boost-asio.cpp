// Boost.Asio coroutines with Boost.Thread and pthread mutexes held across
// co_await; a strand serialises without a lock and is not reported.
// REQUIRES: boost-asio
// RUN: %check_async %s async-lock-across-suspension %t

#include <boost/asio.hpp>
#include <boost/thread/lock_guard.hpp>
#include <boost/thread/mutex.hpp>
#include <boost/thread/shared_mutex.hpp>

#include <chrono>
#include <pthread.h>

namespace asio = boost::asio;
using namespace std::chrono_literals;

boost::mutex sessions_mutex;
boost::shared_mutex routes_mutex;
pthread_mutex_t stats_mutex = PTHREAD_MUTEX_INITIALIZER;
int sessions;

asio::awaitable<void> register_session(asio::steady_timer &timer) {
  boost::mutex::scoped_lock lock(sessions_mutex);
  ++sessions;
  timer.expires_after(5ms);
  co_await timer.async_wait(asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::unique_lock<boost::mutex>' 'lock' holds 'sessions_mutex' across this suspension point; another task on this thread that locks it deadlocks; release it before suspending, or serialise the tasks on a strand (asio::make_strand) instead of locking [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-5]]:29: note: locked here
}

asio::awaitable<std::size_t> read_route(asio::ip::tcp::socket &socket,
                                        char (&buffer)[64]) {
  boost::lock_guard<boost::shared_mutex> guard(routes_mutex);
  co_return co_await socket.async_read_some(asio::buffer(buffer),
                                            asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-2]]:13: warning: 'boost::lock_guard<boost::shared_mutex>' 'guard' holds 'routes_mutex' across this suspension point; another task on this thread that locks it deadlocks; release it before suspending, or serialise the tasks on a strand (asio::make_strand) instead of locking [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-4]]:42: note: locked here
}

asio::awaitable<void> count(asio::steady_timer &timer) {
  pthread_mutex_lock(&stats_mutex);
  co_await timer.async_wait(asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'stats_mutex' is locked across this suspension point; another task on this thread that locks it deadlocks; release it before suspending, or serialise the tasks on a strand (asio::make_strand) instead of locking [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: locked here
  pthread_mutex_unlock(&stats_mutex);
  co_await timer.async_wait(asio::use_awaitable);
}

// Clean: the lock is released before the wait, or a strand serialises.
asio::awaitable<void> unregister_session(asio::steady_timer &timer) {
  {
    boost::lock_guard<boost::mutex> guard(sessions_mutex);
    --sessions;
  }
  sessions_mutex.lock();
  ++sessions;
  sessions_mutex.unlock();
  co_await timer.async_wait(asio::use_awaitable);
}

asio::awaitable<void> on_strand(asio::strand<asio::io_context::executor_type> strand) {
  co_await asio::post(strand, asio::use_awaitable);
  ++sessions;
  co_await asio::post(strand, asio::use_awaitable);
}
