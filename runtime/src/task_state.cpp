#include "aio/detail/task_state.hpp"

#include "aio/event_loop.hpp"
#include "internal.hpp"

#include <cstddef>
#include <utility>

namespace aio::detail {

bool task_state::request_cancel() noexcept {
  if (done) {
    return false;
  }
  // Each step cancels one task; a task parked on another's completion hands
  // back that one to cancel next. Awaits may form a cycle (a deadlock):
  // Brent's method notices the walk coming round again and stops once every
  // task on the way has been reached.
  task_state *target = this;
  task_state *lap_start = this;
  std::size_t lap_length = 1;
  std::size_t steps = 0;
  do {
    target->cancel_called = true;
    if (target->loop != nullptr) {
      target->loop->watch_cancelled(*target);
    }
    suspension *where = std::exchange(target->parked, nullptr);
    if (where == nullptr) {
      target->cancel_requested = true;
      break;
    }
    target = where->cancel_and_forward();
    if (target == lap_start) {
      break;
    }
    if (++steps == lap_length) {
      lap_start = target;
      lap_length *= 2;
      steps = 0;
    }
  } while (target != nullptr && !target->done);
  return true;
}

void task_state::end_unstarted_or_root() noexcept {
  if (!started) {
    report_never_awaited(*this);
  }
  if (is_root) {
    if (cancel_called && loop != nullptr) {
      loop->forget_cancelled(*this);
    }
    std::destroy_at(&links);
  }
}

void task_state::complete() noexcept {
  done = true;
  parked = nullptr;
  cancel_requested = false;
  if (exception) {
    try {
      std::rethrow_exception(exception);
    } catch (const cancelled_error &) {
      ended_cancelled = true;
    } catch (...) {
    }
  }
  if (loop != nullptr) {
    if (loop->debug()) {
      loop->root_finished(*this);
    }
    if (cancel_delivered && !exception) {
      loop->report(report_kind::cancellation_swallowed,
                   "task was cancelled but caught aio::cancelled_error and "
                   "returned normally",
                   this);
    }
    if (detached && exception && !ended_cancelled) {
      observed = true;
      loop->report_exception(exception, "exception in detached task", this);
    }
  }
  if (group != nullptr) {
    notify_group(*group, *this);
  }
  while (done_listener *listener = links.listeners.pop_front()) {
    listener->on_done();
  }
  release();
}

void task_state::release() noexcept {
  if (--refs != 0) {
    if (refs == 1 && !done && loop != nullptr && loop->closing()) [[unlikely]] {
      loop->only_loop_references(*this); // the frame holding a handle died
    }
    return;
  }
  if (done && exception && !observed && !ended_cancelled && loop != nullptr) {
    loop->report(report_kind::exception_never_retrieved,
                 "task failed and its exception was never retrieved", this);
    loop->report_exception(exception, "task exception was never retrieved",
                           this);
  }
  frame.destroy();
}

task_state *current_task() noexcept {
  event_loop *loop = event_loop::current();
  return loop == nullptr ? nullptr : loop->running_task();
}

std::string task_name(const task_state &task) {
  return task.defined_at.function_name();
}

std::source_location creation_site(const task_state &task) noexcept {
  return task.is_root && task.created_at.line() != 0 ? task.created_at
                                                     : task.defined_at;
}

code_location creation_location(std::source_location created,
                                const void *created_by) {
  if (created_by != nullptr) {
    if (code_location where = symbolize_call_site(created_by); where.known()) {
      return where;
    }
  }
  return code_location::from(created);
}

code_location creation_location(const task_state &task) {
  const bool created_for_caller = task.is_root && task.created_at.line() == 0;
  return creation_location(creation_site(task),
                           created_for_caller ? task.call_site : nullptr);
}

void report_never_awaited(const task_state &frame) noexcept {
  event_loop *loop = event_loop::current();
  if (loop == nullptr || !loop->debug() || loop->closing()) {
    return;
  }
  if (unstarted_destructions > 1) {
    return; // an argument of the unstarted task just reported
  }
  report_overhead_scope overhead;
  try {
    code_location where = symbolize_call_site(frame.call_site);
    if (!where.known()) {
      where = code_location::from(frame.defined_at);
    }
    loop->report(report_kind::never_awaited,
                 "task was destroyed without being awaited (missing "
                 "co_await?)",
                 &frame, std::move(where));
  } catch (...) { // a report must never turn into a crash
  }
}

} // namespace aio::detail
