// Cancel, then await an acknowledgement that only the cancelled work gives:
// the event it sets, the group it runs in. With no bound, the await hangs
// as surely as awaiting the cancelled work itself.
// RUN: %check_async %s async-cancelled-await-without-timeout %t

#include <aio/event.hpp>
#include <aio/task.hpp>
#include <aio/task_group.hpp>
#include <aio/wait_for.hpp>

#include <chrono>
#include <stop_token>

using namespace std::chrono_literals;

aio::task<void> serve(std::stop_token stop);
aio::task<void> watch(std::stop_token stop, aio::event &stopped);

aio::task<void> group_joined() {
  std::stop_source stop;
  aio::task_group group;
  group.spawn(serve(stop.get_token()));
  stop.request_stop();
  co_await group.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'group' is awaited with no timeout, but only work cancelled earlier completes it; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: cancelled here
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'group' is given to the cancelled work here
}

aio::task<void> event_set_on_exit(aio::task_group &group) {
  std::stop_source stop;
  aio::event stopped;
  group.spawn(watch(stop.get_token(), stopped));
  stop.request_stop();
  co_await stopped.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'stopped' is awaited with no timeout, but only work cancelled earlier completes it; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: cancelled here
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'stopped' is given to the cancelled work here
  co_await group.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'group' is awaited with no timeout, but only work cancelled earlier completes it; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-7]]:8: note: cancelled here
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'group' is given to the cancelled work here
}

// aio::wait_for needs a movable awaitable; a group's join awaiter is not.
aio::task<void> join_all(aio::task_group &group) { co_await group.join(); }

// Clean: the waits are bounded.
aio::task<void> bounded(aio::task_group &group) {
  std::stop_source stop;
  aio::event stopped;
  group.spawn(watch(stop.get_token(), stopped));
  stop.request_stop();
  co_await aio::wait_for(stopped.wait(), 5s);
  co_await aio::wait_for(join_all(group), 5s);
}

// Clean: the event and the group were not given to the cancelled work, or
// were cancelled only after the wait.
aio::task<void> unrelated(aio::task_group &group, aio::event &ready) {
  std::stop_source stop, other;
  aio::task_group workers;
  aio::event stopped;
  workers.spawn(serve(stop.get_token()));
  group.spawn(watch(other.get_token(), stopped));
  stop.request_stop();
  co_await ready.wait();
  co_await group.join();
  co_await stopped.wait();
  other.request_stop();
  co_await aio::wait_for(join_all(workers), 5s);
}
