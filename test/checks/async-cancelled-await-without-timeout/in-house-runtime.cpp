// A runtime that async-lint does not know, described only through options:
// its cancel methods, token, join method, timeout wrapper and timer wait.
// RUN: %check_async --config="{CheckOptions: { \
// RUN:   async-cancelled-await-without-timeout.ExtraCancelFunctions: 'rt::job::stop;rt::crew::halt;rt::stop_flag::raise', \
// RUN:   async-cancelled-await-without-timeout.ExtraCancellationTokenFunctions: 'rt::stop_flag::watch', \
// RUN:   async-cancelled-await-without-timeout.ExtraJoinFunctions: 'rt::crew::drain', \
// RUN:   async-cancelled-await-without-timeout.ExtraTimeoutWrappers: 'rt::with_deadline', \
// RUN:   async-cancelled-await-without-timeout.ExtraTimerWaits: 'rt::timer::wait_*'}}" \
// RUN:   %s async-cancelled-await-without-timeout %t
// The options round-trip through the configuration dump.
// RUN: %async-lint --checks='-*,async-cancelled-await-without-timeout' \
// RUN:   --config="{CheckOptions: {async-cancelled-await-without-timeout.ExtraCancelFunctions: 'rt::job::stop'}}" \
// RUN:   --dump-config %s -- -std=c++20 | FileCheck %s --check-prefix=DUMP
// DUMP: async-cancelled-await-without-timeout.ExtraCancelFunctions: 'rt::job::stop'
// DUMP: async-cancelled-await-without-timeout.ExtraTimeoutWrappers: ''

#include "demo_task.h"

namespace rt {
struct watch_token {};
struct job {
  void stop();
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) const noexcept;
  void await_resume() const noexcept;
};
struct crew {
  void halt();
  demo::task<> drain();
};
struct stop_flag {
  watch_token watch();
  void raise();
};
struct timer {
  demo::task<> wait_ms(int);
};
demo::task<> operator||(demo::task<>, demo::task<>);
demo::task<> with_deadline(job &, int milliseconds);
job start(watch_token);
} // namespace rt
using rt::operator||;

demo::task<> stop_job(rt::job &j) {
  j.stop();
  co_await j;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'j' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: cancelled here
}

demo::task<> halt_crew(rt::crew &c) {
  c.halt();
  co_await c.drain();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'c' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: cancelled here
}

demo::task<> raise_flag() {
  rt::stop_flag flag;
  rt::job j = rt::start(flag.watch());
  flag.raise();
  co_await j;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'j' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: cancelled here through 'flag'
}

// Clean: the in-house timeout wrapper bounds the wait.
demo::task<> stop_job_with_deadline(rt::job &j) {
  j.stop();
  co_await rt::with_deadline(j, 500);
}

// Clean: the drain races an in-house timer.
demo::task<> halt_crew_with_timer(rt::crew &c, rt::timer &t) {
  c.halt();
  co_await (c.drain() || t.wait_ms(500));
}
