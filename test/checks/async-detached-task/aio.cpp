// aio: spawn_detached gives the task to the loop with no owner; create_task
// and shield start it at once and return its only owner, a handle. Work in a
// task group, awaited, or whose handle is kept, is tracked.
// RUN: %check_async %s async-detached-task %t

#include <aio/aio.hpp>

#include <chrono>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

aio::task<int> audit(int id);
aio::task_handle<int> start_audit(int id);

aio::task<> handler(int id) {
  aio::spawn_detached(audit(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'aio::spawn_detached' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  aio::create_task(audit(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'aio::create_task' is discarded; nobody awaits the work it started or sees its failure [async-detached-task]
  (void)aio::create_task(audit(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: result of 'aio::create_task' is cast to void; nobody awaits the work it started or sees its failure [async-detached-task]
  (void)aio::shield(audit(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: result of 'aio::shield' is cast to void; nobody awaits the work it started or sees its failure [async-detached-task]
  start_audit(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'start_audit' is discarded; nobody awaits the work it started or sees its failure [async-detached-task]
  auto forgotten = aio::create_task(audit(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: handle 'forgotten' is never used; nobody awaits the work started by 'aio::create_task' or sees its failure [async-detached-task]
  auto detached_later = [](int n) { aio::spawn_detached(audit(n)); };
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: call to 'aio::spawn_detached' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  detached_later(id);
  co_return;
}

// Clean: owned by a task group, awaited, or kept.
struct service {
  std::vector<aio::task_handle<int>> running;
  aio::task_handle<int> latest;
};

aio::task<int> tracked(service &s, int id) {
  aio::task_group group;
  group.spawn(audit(id));
  int v = co_await aio::create_task(audit(id));
  auto handle = aio::create_task(audit(id));
  s.running.push_back(aio::create_task(audit(id)));
  s.latest = aio::create_task(audit(id));
  auto checked = aio::create_task(audit(id));
  if (!checked.done())
    checked.cancel();
  v += co_await aio::shield(audit(id));
  v += co_await handle;
  co_await group.join();
  co_return v;
}

aio::task_handle<int> handed_back(int id) { return aio::create_task(audit(id)); }
