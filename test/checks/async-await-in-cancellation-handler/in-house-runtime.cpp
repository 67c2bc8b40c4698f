// A runtime that async-lint does not know, described only through options:
// its cancellation exception and status code, its shield, its timeout
// wrapper, its timer wait, an awaitable that never suspends, a hop to
// another thread and an await that disables cancellation.
// RUN: %check_async --config="{CheckOptions: { \
// RUN:   async-await-in-cancellation-handler.ExtraCancellationExceptions: 'rt::stopped', \
// RUN:   async-await-in-cancellation-handler.ExtraCancellationErrorCodes: 'rt::status::aborted', \
// RUN:   async-await-in-cancellation-handler.ExtraCancellationShields: 'rt::protect', \
// RUN:   async-await-in-cancellation-handler.ExtraTimeoutWrappers: 'rt::with_deadline', \
// RUN:   async-await-in-cancellation-handler.ExtraTimerWaits: 'rt::timer::wait_*', \
// RUN:   async-await-in-cancellation-handler.ExtraImmediateAwaitables: 'rt::current_context_t', \
// RUN:   async-await-in-cancellation-handler.ExtraExecutorHops: 'rt::executor::hop', \
// RUN:   async-await-in-cancellation-handler.ExtraCancellationDisablers: 'rt::ignore_cancellation'}}" \
// RUN:   %s async-await-in-cancellation-handler %t
// Without the options, only the catch-all path is reported.
// RUN: %check_async --check-suffix=DEFAULT %s async-await-in-cancellation-handler %t.default

#include "demo_task.h"

#include <exception>

namespace rt {
struct failure {};
struct stopped : failure {};
enum class status { ok,
                    aborted };
demo::task<status> read();
demo::task<void> flush();
demo::task<void> protect(demo::task<void> work);
demo::task<void> with_deadline(demo::task<void> work, int ms);
struct timer {
  demo::task<void> wait_for(int ms);
};
struct current_context_t {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  int await_resume() const noexcept { return 0; }
};
inline constexpr current_context_t current_context{};
struct executor {
  demo::ready hop();
};
demo::ready ignore_cancellation();
} // namespace rt

// Races two tasks, as asio's awaitable operators do.
demo::task<void> operator||(demo::task<void>, demo::task<void>);

demo::task<void> base_of_stopped(rt::timer &t, rt::executor &ex) {
  bool failed = false;
  try {
    co_await rt::read();
  } catch (const rt::failure &) {
    failed = true;
  }
  if (failed) {
    co_await rt::flush();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'flush' while handling cancellation is neither shielded nor bounded; wrap it in 'rt::protect' or 'rt::with_deadline' [async-await-in-cancellation-handler]
    // CHECK-MESSAGES: :[[@LINE-6]]:5: note: cancellation caught here
    co_await rt::protect(rt::flush());
    co_await rt::with_deadline(rt::flush(), 100);
    co_await (rt::flush() || t.wait_for(100));
    int context = co_await rt::current_context;
    (void)context;
    co_await ex.hop();
  }
}

demo::task<void> status_code() {
  rt::status s = co_await rt::read();
  if (s == rt::status::aborted) {
    co_await rt::flush();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'flush' while handling cancellation is neither shielded nor bounded; wrap it in 'rt::protect' or 'rt::with_deadline' [async-await-in-cancellation-handler]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: cancellation tested here
  }
}

demo::task<void> catch_all() {
  std::exception_ptr error;
  try {
    co_await rt::read();
  } catch (...) {
    error = std::current_exception();
  }
  co_await rt::flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaiting 'flush' while handling cancellation is neither shielded nor bounded; wrap it in 'rt::protect' or 'rt::with_deadline' [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: cancellation caught here
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-3]]:3: warning: awaiting 'flush' while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-7]]:5: note: cancellation caught here
  co_await rt::ignore_cancellation();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: awaiting 'ignore_cancellation' while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-10]]:5: note: cancellation caught here
  co_await rt::flush();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: awaiting 'flush' while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-13]]:5: note: cancellation caught here
  if (error)
    std::rethrow_exception(error);
}
