#include "aio/detail/task_state.hpp"

#include "aio/event_loop.hpp"
#include "internal.hpp"

namespace aio::detail {

bool task_state::request_cancel() noexcept {
  if (done) {
    return false;
  }
  cancel_called = true;
  if (loop != nullptr) {
    loop->watch_cancelled(*this);
  }
  if (suspension *where = parked) {
    parked = nullptr;
    where->cancel();
  } else {
    cancel_requested = true;
  }
  return true;
}

bool task_state::finished_cancelled() const noexcept { return ended_cancelled; }

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

void report_never_awaited(const task_state &frame) noexcept {
  event_loop *loop = event_loop::current();
  if (loop == nullptr || !loop->debug() || loop->closing()) {
    return;
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
