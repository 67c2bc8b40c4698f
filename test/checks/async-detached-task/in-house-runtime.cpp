// An in-house runtime described only through options: fire() always detaches,
// Runtime::start* starts a job at once and returns its Handle, and a Scope
// owns what it spawns (although "*::spawn*" also names it as detaching).
// RUN: %check_async --config="{CheckOptions: { \
// RUN:   async-detached-task.ExtraDetachingFunctions: 'inhouse::fire;inhouse::*::spawn*', \
// RUN:   async-detached-task.ExtraEagerSpawnFunctions: 'inhouse::Runtime::start*', \
// RUN:   async-detached-task.ExtraWorkHandleTypes: 'inhouse::Handle', \
// RUN:   async-detached-task.ExtraTrackedSpawnFunctions: 'inhouse::Scope::spawn'}}" \
// RUN:   %s async-detached-task %t

namespace inhouse {
class Job {};
template <typename T>
class Handle {
public:
  T wait();
};
class Runtime {
public:
  Handle<int> start(Job);
  Handle<int> start_now(Job);
  void spawn_background(Job);
};
class Scope {
public:
  void spawn(Job);
};
void fire(Job);
Handle<int> lookup(int id);
} // namespace inhouse

void schedule(inhouse::Runtime &runtime, inhouse::Scope &scope) {
  inhouse::fire(inhouse::Job{});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'inhouse::fire' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  runtime.spawn_background(inhouse::Job{});
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'inhouse::Runtime::spawn_background' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  runtime.start(inhouse::Job{});
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: result of 'inhouse::Runtime::start' is discarded; nobody awaits the work it started or sees its failure [async-detached-task]
  (void)runtime.start_now(inhouse::Job{});
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: result of 'inhouse::Runtime::start_now' is cast to void; nobody awaits the work it started or sees its failure [async-detached-task]
  inhouse::lookup(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'inhouse::lookup' is discarded; nobody awaits the work it started or sees its failure [async-detached-task]
  auto handle = runtime.start(inhouse::Job{});
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: handle 'handle' is never used; nobody awaits the work started by 'inhouse::Runtime::start' or sees its failure [async-detached-task]

  // Clean: tracked by the scope, or the handle is kept and waited for.
  scope.spawn(inhouse::Job{});
  auto kept = runtime.start(inhouse::Job{});
  kept.wait();
}
