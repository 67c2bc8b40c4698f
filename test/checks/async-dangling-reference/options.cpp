// An in-house runtime described only through options: its task type (an
// awaitable that the promise accepts by name), its view type, and its
// functions that detach, start, spawn into a nursery and keep tasks.
// RUN: %check_async --config="{CheckOptions: { \
// RUN:   async-dangling-reference.ExtraTaskTypes: 'acme::Job', \
// RUN:   async-dangling-reference.ExtraViewTypes: 'acme::Bytes', \
// RUN:   async-dangling-reference.ExtraDetachingFunctions: 'acme::launch', \
// RUN:   async-dangling-reference.ExtraEagerSpawnFunctions: 'acme::start', \
// RUN:   async-dangling-reference.ExtraTrackedSpawnFunctions: 'acme::Nursery::start_soon', \
// RUN:   async-dangling-reference.ExtraStoringFunctions: 'acme::Registry::keep'}}" \
// RUN:   %s async-dangling-reference %t
// Without the options, nothing is known about the runtime.
// RUN: %check_async %s async-dangling-reference %t.plain --check-suffix=PLAIN

#include <string>

namespace acme {
// Awaitable only through the runtime's promise, so only configuration names
// it as a task.
template <typename T>
class Job {};
class Bytes {
public:
  Bytes(const std::string &text);
};
class Handle {};
void launch(Job<int> job);
Handle start(Job<int> job);
class Nursery {
public:
  void start_soon(Job<int> job);
};
class Registry {
public:
  void keep(Job<int> job);
  void inspect(Job<int> job);
};
} // namespace acme

acme::Job<int> upload(const std::string &path);
acme::Job<int> send(acme::Bytes payload);

void handler(acme::Nursery &nursery, acme::Registry &registry) {
  std::string path = "/tmp/out";
  acme::launch(upload(path));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'path' is bound to reference parameter 'path' of 'upload', but the task outlives it: 'path' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-7]]:42: note: reference parameter 'path' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'acme::launch' starts the task here and nothing waits for it
  acme::Handle handle = acme::start(upload(std::string("/tmp/a")));
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: a temporary is bound to reference parameter 'path' of 'upload', but the task outlives it: the temporary is destroyed at the end of the full expression [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-11]]:42: note: reference parameter 'path' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: the task is stored in 'handle' here
  nursery.start_soon(send(path));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: a view of 'path' is bound to view parameter 'payload' of 'send', but the task outlives it: 'path' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-14]]:33: note: view parameter 'payload' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: the task is spawned into 'nursery' here
  registry.keep(upload(path));
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'path' is bound to reference parameter 'path' of 'upload', but the task outlives it: 'path' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-19]]:42: note: reference parameter 'path' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the task is stored in 'registry' here
  // Not named by the options: assumed to be done with the task when it
  // returns.
  registry.inspect(upload(path));
  (void)handle;
}
