// A runtime whose cancellation exception does not derive from std::exception
// (moraine::cancelled, folly's OperationCancelled): a handler of
// std::exception lets it through; the catch-all takes it.
// RUN: %check_async --config="{CheckOptions: {async-swallowed-cancellation.ExtraCancellationExceptions: 'rt::cancelled'}}" \
// RUN:   %s async-swallowed-cancellation %t
// The same runtime with a cancellation that is a std::exception: that
// handler takes it too.
// RUN: %check_async --check-suffix=STD --config="{CheckOptions: {async-swallowed-cancellation.ExtraCancellationExceptions: 'rt::cancelled'}}" \
// RUN:   %s async-swallowed-cancellation %t.std -- -DCANCELLED_IS_STD_EXCEPTION

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

demo::task<> std_exception_only() {
  try {
    co_await work();
  } catch (const std::exception &) {
    // CHECK-MESSAGES-STD: :[[@LINE-1]]:5: warning: handler of 'std::exception', a base of 'rt::cancelled', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES-STD: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
  }
}

demo::task<> std_exception_then_all() {
  try {
    co_await work();
  } catch (const std::exception &) {
    // CHECK-MESSAGES-STD: :[[@LINE-1]]:5: warning: handler of 'std::exception', a base of 'rt::cancelled', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES-STD: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-6]]:5: note: suspension point that can be cancelled is here
  }
}
