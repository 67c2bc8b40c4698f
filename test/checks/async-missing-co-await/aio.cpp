// The aio runtime: its tasks are lazy and its operations (sleep, locks,
// queues, events, thread-pool work) happen only when awaited. aio's
// functions that start a task at once belong to async-detached-task. Every
// aio header is linted too, and stays clean.
// RUN: %check_async %s async-missing-co-await %t

#include <aio/aio.hpp>

#include <chrono>
#include <utility>

using namespace std::chrono_literals;

aio::task<int> load(int key);

aio::task<> worker(aio::mutex &m, aio::queue<int> &q, aio::event &ready) {
  aio::sleep(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'aio::sleep' is discarded; the operation never starts [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await aio::sleep(10ms);
  (void)aio::yield();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: awaitable returned by 'aio::yield' is cast to void, which does not await it; the operation never starts [async-missing-co-await]
  // CHECK-FIXES: {{^}}  (void)co_await aio::yield();
  (void)m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: awaitable returned by 'aio::mutex::lock' is cast to void, which does not await it; the operation never starts [async-missing-co-await]
  (void)q.push(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: awaitable returned by 'aio::queue::push' is cast to void, which does not await it; the operation never starts [async-missing-co-await]
  (void)ready.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: awaitable returned by 'aio::event::wait' is cast to void, which does not await it; the operation never starts [async-missing-co-await]
  (void)load(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: awaitable returned by 'load' is cast to void, which does not await it; the task is lazy and never runs [async-missing-co-await]
  (void)aio::wait_for(load(2), 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: awaitable returned by 'aio::wait_for' is cast to void, which does not await it; the task is lazy and never runs [async-missing-co-await]
  auto result = aio::to_thread([] { return 42; });
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: awaitable 'result' is never awaited, returned or passed on; the operation never starts [async-missing-co-await]
  auto loaded = load(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: awaitable 'loaded' is never awaited, returned or passed on; the task is lazy and never runs [async-missing-co-await]

  // Work that starts at once is async-detached-task's to report.
  aio::create_task(load(4));
  (void)aio::shield(load(5));
  aio::spawn_detached(load(6));
  auto handle = aio::create_task(load(7));

  // Clean: awaited, or handed to the runtime.
  co_await aio::sleep(1ms);
  auto guard = co_await m.scoped_lock();
  co_await q.push(2);
  int v = co_await q.pop();
  co_await aio::wait_for(load(v), 1s);
  aio::task_group group;
  group.spawn(load(8));
  co_await group.join();
  co_await aio::gather(load(9), load(10));
  co_await handle;
}

aio::task<> entry() {
  aio::mutex m;
  aio::queue<int> q(1);
  aio::event ready;
  co_await worker(m, q, ready);
}

int main() { aio::run(entry()); }
