#pragma once

#include <chrono>
#include <functional>
#include <source_location>
#include <string>
#include <string_view>

namespace aio {

// A place in user code, printed as file:line:col.
struct code_location {
  std::string file;
  unsigned line = 0;
  unsigned column = 0;
  std::string function;

  [[nodiscard]] bool known() const noexcept { return !file.empty(); }
  [[nodiscard]] static code_location from(const std::source_location &loc);
  [[nodiscard]] std::string to_string() const;
};

enum class report_kind {
  // A coroutine step held the loop longer than loop_options::slow_step.
  slow_step,
  // A blocking libc call ran inside a coroutine step on the loop thread
  // (needs libaio_blockdetect.so preloaded).
  blocking_call,
  // A task was destroyed without ever being started: a missing co_await.
  never_awaited,
  // A task was still pending when its loop shut down (it is then cancelled)
  // or when its loop was destroyed.
  destroyed_pending,
  // A task failed and nothing ever looked at the exception.
  exception_never_retrieved,
  // A task was cancelled, caught aio::cancelled_error and returned normally.
  cancellation_swallowed,
  // A task awaits a cancelled task that is still pending while the loop has
  // nothing else to run.
  stuck_cancelled_await,
  // A task_group was destroyed with children still running.
  group_not_joined,
  // A coroutine step ended, its task suspended, with a thread mutex locked
  // in that step still held (needs libaio_blockdetect.so preloaded).
  lock_held_across_suspension,
  // More tasks created at one call site (create_task, spawn_detached,
  // task_group::spawn, gather over a vector) are in flight at once than
  // loop_options::max_tasks_per_call_site: the concurrency grows with the
  // input. Reported once per call site.
  unbounded_fan_out,
  // A task that caught its cancellation stayed parked longer than
  // loop_options::cancellation_cleanup_grace in an await that is neither
  // shielded nor bounded by a deadline.
  slow_cancellation_cleanup,
  // A network wait with no deadline lasted longer than
  // loop_options::io_idle_bound.
  io_without_deadline,
  // A task cancelled by event_loop::shutdown() was still pending when the
  // shutdown gave up (loop_options::shutdown_grace), so its frame was
  // destroyed.
  ignored_shutdown_cancellation,
};

// kebab-case name used in the printed form, e.g. "slow-step".
[[nodiscard]] std::string_view to_string(report_kind kind) noexcept;

struct debug_report {
  report_kind kind{};
  std::string message;
  // The coroutine's function, e.g. "aio::task<int> fetch(int)".
  std::string task_name;
  // Where the offending task was created or the bad call was made.
  code_location where;
};

// "aio-debug: <kind>: <file>:<line>:<col>: <message> [task <name>]".
[[nodiscard]] std::string format(const debug_report &report);

using debug_sink = std::function<void(const debug_report &)>;

// Writes format(report) and a newline to stderr.
void print_to_stderr(const debug_report &report);

} // namespace aio
