// A task spawned on a libcoro executor runs after the full expression that
// spawned it: a temporary bound to its reference parameter is gone by
// then. Declarations from the libcoro stubs.
// RUN: %check_async %s async-dangling-reference %t

#include "mock/libcoro.h"

#include <memory>
#include <string>

coro::task<> greet(const std::string &name);

void spawn(std::unique_ptr<coro::scheduler> &s) {
  s->spawn_detached(greet(std::string("world")));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: a temporary is bound to reference parameter 'name' of 'greet', but the task outlives it: the temporary is destroyed at the end of the full expression [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-5]]:39: note: reference parameter 'name' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:6: note: 'coro::scheduler::spawn_detached' starts the task here and nothing waits for it
}

// Clean: awaited within the full expression that made the temporary.
coro::task<> awaited() { co_await greet(std::string("world")); }
