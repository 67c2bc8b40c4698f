// A runtime whose cancellation exception does not derive from std::exception:
// after a handler of std::exception, cancellation is not being handled;
// after the catch-all, it may be.
// RUN: %check_async --config="{CheckOptions: {async-await-in-cancellation-handler.ExtraCancellationExceptions: 'rt::cancelled'}}" \
// RUN:   %s async-await-in-cancellation-handler %t
// The same runtime with a cancellation that is a std::exception.
// RUN: %check_async --check-suffix=STD --config="{CheckOptions: {async-await-in-cancellation-handler.ExtraCancellationExceptions: 'rt::cancelled'}}" \
// RUN:   %s async-await-in-cancellation-handler %t.std -- -DCANCELLED_IS_STD_EXCEPTION

#include "demo_task.h"

#include <exception>

namespace rt {
#ifdef CANCELLED_IS_STD_EXCEPTION
struct cancelled : std::exception {};
#else
struct cancelled {};
#endif
} // namespace rt

demo::task<> work();
demo::task<> flush();

demo::task<> after_std_exception() {
  bool failed = false;
  try {
    co_await work();
  } catch (const std::exception &) {
    failed = true;
  }
  if (failed)
    co_await flush();
  // CHECK-MESSAGES-STD: :[[@LINE-1]]:5: warning: awaiting 'flush' while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
  // CHECK-MESSAGES-STD: :[[@LINE-6]]:5: note: cancellation caught here
}

demo::task<> after_catch_all() {
  bool failed = false;
  try {
    co_await work();
  } catch (...) {
    failed = true;
  }
  if (failed)
    co_await flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'flush' while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: cancellation caught here
  // CHECK-MESSAGES-STD: :[[@LINE-3]]:5: warning: awaiting 'flush' while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
  // CHECK-MESSAGES-STD: :[[@LINE-8]]:5: note: cancellation caught here
}
