// The made-up in-house runtime "moraine" (Inputs/moraine.h), described to
// every async-* check by one profile file, Inputs/moraine.yaml, and nothing
// else. Every check reports on it, the two strict ones included.
//
// Named by an absolute path in the configuration (plugin and driver):
// RUN: %check_async --config="{CheckOptions: {async-lint.Profiles: '%S/Inputs/moraine.yaml'}}" \
// RUN:   %s 'async-*' %t -- -I%S/Inputs
//
// Named by a path relative to the .clang-tidy that names it, found from the
// linted file's directory (plugin and driver):
// RUN: rm -rf %t.tidy && mkdir -p %t.tidy/tools
// RUN: cp %S/Inputs/moraine.yaml %t.tidy/tools/
// RUN: printf "CheckOptions:\n  async-lint.Profiles: 'tools/moraine.yaml'\n" > %t.tidy/.clang-tidy
// RUN: %check_async %s 'async-*' %t.tidy/moraine -- -I%S/Inputs
//
// Named by .async-lint.yaml, relative to it (the driver reads that file):
// RUN: rm -rf %t.project && mkdir -p %t.project/src %t.project/tools
// RUN: cp %S/Inputs/moraine.yaml %t.project/tools/
// RUN: printf "profiles: [tools/moraine.yaml]\n" > %t.project/.async-lint.yaml
// RUN: cp %s %t.project/src/moraine.cpp
// RUN: %expect-exit 1 %async-lint --quiet --checks='async-*' %t.project/src/moraine.cpp \
// RUN:   -- -std=c++20 -I%S/Inputs > %t.project/out.txt
// RUN: FileCheck --input-file=%t.project/out.txt %s --check-prefix=CHECK-MESSAGES \
// RUN:   --implicit-check-not='{{warning|error|note}}:'
//
// The same runtime through the checks' Extra* options gives the same
// findings. What only the profile can say is left out with MORAINE_BY_OPTIONS:
// that gather's overload with a cap is bounded (max-arguments), and that
// moraine::task is lazy (start), which no finding here depends on.
// RUN: %check_async --config="{CheckOptions: { \
// RUN:   async-missing-co-await.ExtraTaskTypes: 'moraine::task', \
// RUN:   async-dangling-reference.ExtraTaskTypes: 'moraine::task', \
// RUN:   async-blocking-call.ExtraSleepFunctions: 'moraine::block_for', \
// RUN:   async-blocking-call.ExtraFileIOFunctions: 'moraine::read_file', \
// RUN:   async-detached-task.ExtraDetachingFunctions: 'moraine::detach', \
// RUN:   async-detached-task.ExtraEagerSpawnFunctions: 'moraine::spawn', \
// RUN:   async-detached-task.ExtraWorkHandleTypes: 'moraine::handle', \
// RUN:   async-detached-task.ExtraTrackedSpawnFunctions: 'moraine::nursery::start', \
// RUN:   async-dangling-reference.ExtraDetachingFunctions: 'moraine::detach', \
// RUN:   async-dangling-reference.ExtraEagerSpawnFunctions: 'moraine::spawn', \
// RUN:   async-dangling-reference.ExtraTrackedSpawnFunctions: 'moraine::nursery::start', \
// RUN:   async-cancelled-await-without-timeout.ExtraCancelFunctions: 'moraine::handle::cancel', \
// RUN:   async-cancelled-await-without-timeout.ExtraJoinFunctions: 'moraine::handle::join;moraine::nursery::wait', \
// RUN:   async-cancelled-await-without-timeout.ExtraTimeoutWrappers: 'moraine::with_timeout', \
// RUN:   async-cancelled-await-without-timeout.ExtraTimerWaits: 'moraine::sleep_for', \
// RUN:   async-swallowed-cancellation.ExtraCancellationExceptions: 'moraine::cancelled', \
// RUN:   async-swallowed-cancellation.ExtraCancellationErrorCodes: 'moraine::errc::cancelled', \
// RUN:   async-await-in-cancellation-handler.ExtraCancellationExceptions: 'moraine::cancelled', \
// RUN:   async-await-in-cancellation-handler.ExtraCancellationErrorCodes: 'moraine::errc::cancelled', \
// RUN:   async-await-in-cancellation-handler.ExtraCancellationShields: 'moraine::shielded', \
// RUN:   async-await-in-cancellation-handler.ExtraTimeoutWrappers: 'moraine::with_timeout', \
// RUN:   async-await-in-cancellation-handler.ExtraTimerWaits: 'moraine::sleep_for', \
// RUN:   async-io-without-timeout.ExtraNetworkIoFunctions: 'moraine::connection::read;moraine::connection::write;moraine::connect', \
// RUN:   async-io-without-timeout.ExtraTimeoutWrappers: 'moraine::with_timeout', \
// RUN:   async-io-without-timeout.ExtraTimerWaits: 'moraine::sleep_for', \
// RUN:   async-io-without-timeout.ExtraDeadlineSetters: 'moraine::connection::set_deadline', \
// RUN:   async-lock-across-suspension.ExtraLockGuardTypes: 'moraine::spin_guard', \
// RUN:   async-lock-across-suspension.ExtraAsyncLockTypes: 'moraine::async_mutex;moraine::async_mutex::guard', \
// RUN:   async-unbounded-gather.ExtraGatherFunctions: 'moraine::gather', \
// RUN:   async-unbounded-gather.ExtraSpawnFunctions: 'moraine::spawn;moraine::detach;moraine::nursery::start'}}" \
// RUN:   %s 'async-*' %t.options -- -I%S/Inputs -DMORAINE_BY_OPTIONS

#include "moraine.h"

#include <exception>
#include <string>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

moraine::task<int> fetch(int key);
moraine::task<> audit();
moraine::task<> flush();

moraine::task<> forgets() {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'fetch' is discarded; the task is lazy and never runs [async-missing-co-await]
  co_await fetch(2);
}

moraine::task<> blocks() {
  moraine::block_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'moraine::block_for' blocks the event loop thread in coroutine 'blocks' (sleep); {{.*}} [async-blocking-call]
  std::string settings = moraine::read_file("/etc/moraine.conf");
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: call to 'moraine::read_file' blocks the event loop thread in coroutine 'blocks' (file I/O); {{.*}} [async-blocking-call]
  co_await moraine::sleep_for(10ms);
}

moraine::task<> detaches(moraine::nursery &tasks) {
  moraine::detach(audit());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'moraine::detach' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  moraine::spawn(audit());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'moraine::spawn' is discarded; nobody awaits the work it started or sees its failure [async-detached-task]
  tasks.start(audit());
  moraine::handle<> joined = moraine::spawn(audit());
  co_await joined.join();
  co_await tasks.wait();
}

moraine::task<> cancels(moraine::handle<int> slow, moraine::handle<int> bounded) {
  slow.cancel();
  co_await slow.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'slow' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: cancelled here
  bounded.cancel();
  co_await moraine::with_timeout(bounded.join(), 100ms);
}

// moraine::cancelled is no std::exception: only its own handler and the
// catch-all take it.
moraine::task<> swallows() {
  try {
    co_await fetch(3);
  } catch (const moraine::cancelled &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'moraine::cancelled' swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
  }
  try {
    co_await fetch(4);
  } catch (const std::exception &) {
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: suspension point that can be cancelled is here
  }
}

moraine::task<> cleans_up() {
  bool stopped = false;
  try {
    co_await fetch(5);
  } catch (const moraine::cancelled &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'moraine::cancelled' swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    stopped = true;
  }
  if (stopped) {
    co_await flush();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'flush' while handling cancellation is neither shielded nor bounded; wrap it in 'moraine::shielded' or 'moraine::with_timeout' [async-await-in-cancellation-handler]
    // CHECK-MESSAGES: :[[@LINE-8]]:5: note: cancellation caught here
    co_await moraine::shielded(flush());
    co_await moraine::with_timeout(flush(), 100ms);
  }
  bool failed = false;
  try {
    co_await fetch(6);
  } catch (const std::exception &) {
    failed = true;
  }
  if (failed)
    co_await flush();
}

moraine::task<> talks() {
  moraine::connection peer =
      co_await moraine::with_timeout(moraine::connect("db"), 1s);
  char buffer[64];
  co_await peer.read(buffer, sizeof buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'moraine::connection::read' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  peer.set_deadline(5s);
  co_await peer.write(buffer, 3);
}

moraine::spin_lock table_lock;
moraine::async_mutex state_mutex;

moraine::task<> locks() {
  {
    moraine::spin_guard held(table_lock);
    co_await fetch(7);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'moraine::spin_guard' 'held' holds 'table_lock' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
    // CHECK-MESSAGES: :[[@LINE-3]]:25: note: locked here
  }
  moraine::async_mutex::guard state = co_await state_mutex.lock();
  co_await fetch(8);
}

moraine::task<> upload(const std::string &path);

void starts(moraine::nursery &tasks) {
  std::string path = "/tmp/out";
  tasks.start(upload(path));
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'path' is bound to reference parameter 'path' of 'upload', but the task outlives it: 'path' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-6]]:43: note: reference parameter 'path' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task is spawned into 'tasks' here
}

moraine::task<> fans_out(std::vector<int> keys) {
  std::vector<moraine::task<int>> all;
  for (int key : keys)
    all.push_back(fetch(key));
  co_await moraine::gather(std::move(all));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'moraine::gather' runs a task for every element of a range whose size comes from input, all at once; bound the concurrency with a semaphore or gather in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: 'all' gets an element in every iteration of a loop over input here
  // CHECK-MESSAGES: :[[@LINE-7]]:43: note: 'keys' comes from the caller
  std::vector<moraine::task<int>> some;
  for (int key : keys)
    some.push_back(fetch(key));
#ifndef MORAINE_BY_OPTIONS
  co_await moraine::gather(std::move(some), 8);
#endif
}
