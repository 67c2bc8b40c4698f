// A runtime that async-lint does not know, described only through options:
// its cancellation exception, its cancelled status code and the completion
// token that delivers the status as a value.
// RUN: %check_async --config="{CheckOptions: { \
// RUN:   async-swallowed-cancellation.ExtraCancellationExceptions: 'rt::stopped', \
// RUN:   async-swallowed-cancellation.ExtraCancellationErrorCodes: 'rt::status::aborted', \
// RUN:   async-swallowed-cancellation.ExtraErrorCodeCompletionTokens: 'rt::with_status_t'}}" \
// RUN:   %s async-swallowed-cancellation %t
// Without the options, only the catch-all handler is reported.
// RUN: %check_async --check-suffix=DEFAULT %s async-swallowed-cancellation %t.default
// The options round-trip through the configuration dump.
// RUN: %async-lint --checks='-*,async-swallowed-cancellation' \
// RUN:   --config="{CheckOptions: {async-swallowed-cancellation.ExtraCancellationExceptions: 'rt::stopped'}}" \
// RUN:   --dump-config %s -- -std=c++20 | FileCheck %s --check-prefix=DUMP
// DUMP: async-swallowed-cancellation.ExtraCancellationErrorCodes: ''
// DUMP: async-swallowed-cancellation.ExtraCancellationExceptions: 'rt::stopped'

#include "demo_task.h"

#include <exception>
#include <tuple>

namespace rt {
struct failure {
  const char *what() const;
};
// The runtime's cancellation, and a base class it shares with failures.
struct stopped : failure {};
enum class status { ok,
                    aborted,
                    refused };
struct with_status_t {};
inline constexpr with_status_t with_status{};
struct channel {
  demo::task<int> receive();
  demo::task<std::tuple<status, int>> receive(with_status_t);
};
} // namespace rt

void log(const char *);

demo::task<void> catch_stopped(rt::channel &c) {
  try {
    co_await c.receive();
  } catch (const rt::stopped &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'rt::stopped' swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    log("stopped");
  }
}

demo::task<void> catch_base(rt::channel &c) {
  try {
    co_await c.receive();
  } catch (const rt::failure &f) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'rt::failure', a base of 'rt::stopped', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    log(f.what());
  }
}

demo::task<void> catch_all(rt::channel &c) {
  try {
    co_await c.receive();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-3]]:5: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-5]]:5: note: suspension point that can be cancelled is here
    log("failed");
  }
}

demo::task<void> status_loop(rt::channel &c) {
  for (;;) {
    auto [st, value] = co_await c.receive(rt::with_status);
    if (st == rt::status::aborted)
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'st' is compared with 'rt::status::aborted' and then ignored: the coroutine awaits again after its operation was cancelled [async-swallowed-cancellation]
      // CHECK-MESSAGES: :[[@LINE-3]]:24: note: suspension point that can be cancelled is here
      continue;
    (void)value;
  }
}

// Clean: rt::stopped does not derive from std::exception, which therefore
// cannot catch it; a catch-all after a handler of rt::stopped sees other
// exceptions only.
demo::task<void> catch_std_exception(rt::channel &c) {
  try {
    co_await c.receive();
  } catch (const std::exception &e) {
    log(e.what());
  }
}

demo::task<void> stopped_then_catch_all(rt::channel &c) {
  try {
    co_await c.receive();
  } catch (const rt::stopped &) {
    throw;
  } catch (const std::exception &e) {
    log(e.what());
  } catch (...) {
    // Without the options, nothing says that rt::stopped is the cancellation.
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-2]]:5: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-8]]:5: note: suspension point that can be cancelled is here
    log("unknown");
  }
}

// Clean: the in-house cancellation is rethrown, its siblings are handled.
demo::task<void> rethrow_stopped(rt::channel &c) {
  try {
    co_await c.receive();
  } catch (const rt::stopped &) {
    throw;
  } catch (const rt::failure &f) {
    log(f.what());
  }
}

demo::task<void> status_stops(rt::channel &c) {
  for (;;) {
    auto [st, value] = co_await c.receive(rt::with_status);
    if (st == rt::status::aborted)
      co_return;
    (void)value;
  }
}
