// async_simple throws SignalException from an awaited operation whose slot
// is signalled. A catch-all after a handler of it sees other exceptions
// only; the handler itself is what can swallow.
// RUN: %check_async %s async-swallowed-cancellation %t

#include "demo_task.h"

#include <stdexcept>

namespace async_simple {
class SignalException : public std::runtime_error {
public:
  SignalException() : std::runtime_error("signalled") {}
};
} // namespace async_simple

demo::task<int> fetch();
void log(const char *);

demo::task<void> signal_recorded(int &signals) {
  try {
    co_await fetch();
  } catch (const async_simple::SignalException &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'async_simple::SignalException' swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    ++signals;
  } catch (...) {
  }
}

demo::task<void> catch_base() {
  try {
    co_await fetch();
  } catch (const std::runtime_error &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'std::runtime_error', a base of 'async_simple::SignalException', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    log(e.what());
  }
}

// Clean: the signal is rethrown, the rest handled.
demo::task<void> signal_rethrown() {
  try {
    co_await fetch();
  } catch (const async_simple::SignalException &) {
    throw;
  } catch (const std::exception &e) {
    log(e.what());
  } catch (...) {
    log("failed");
  }
}
