#pragma once

// aio::wait_for(awaitable, timeout): runs the awaitable as its own task; if
// the timeout passes first, cancels it, waits until it has finished its
// cancellation, and throws aio::timeout_error. Cancelling the caller cancels
// the inner work too (the caller then gets aio::cancelled_error). A timeout
// <= 0 cancels the work at its first suspension; a result produced without
// suspending is returned, as with asyncio.timeout(0).

#include "aio/clock.hpp"
#include "aio/detail/awaitable_traits.hpp"
#include "aio/detail/completion_awaiter.hpp"
#include "aio/errors.hpp"
#include "aio/task.hpp"
#include "aio/task_handle.hpp"

#include <chrono>
#include <source_location>

namespace aio {

namespace detail {

// Awaits `handle`, or a task made of `inner` when `handle` is empty.
template <class T>
task<T> wait_with_deadline(task<T> inner, task_handle<T> handle,
                           duration timeout, std::source_location where) {
  event_loop &loop = running_loop_or_throw("wait_for");
  if (!handle.valid()) {
    handle = create_task(std::move(inner), where);
  }
  task_state &state = handle_state(handle);
  if (!co_await completion_awaiter{state,
                                   saturating_add(loop.now(), timeout)}) {
    handle.cancel();
    co_await completion_awaiter{state};
    if (handle.cancelled()) {
      state.observed = true;
      throw timeout_error{};
    }
  }
  co_return handle.result();
}

} // namespace detail

// Inlined so that the returned task's call site is the caller's line (what a
// never-awaited report names).
template <class Awaitable, class Rep, class Period>
[[gnu::always_inline]] inline task<detail::await_result_t<Awaitable>>
wait_for(Awaitable awaitable, std::chrono::duration<Rep, Period> timeout,
         std::source_location where = std::source_location::current()) {
  return detail::wait_with_deadline(detail::as_task(std::move(awaitable)), {},
                                    saturating_duration(timeout), where);
}

// A running task is awaited directly: the deadline bounds the wait on it.
template <class T, class Rep, class Period>
[[gnu::always_inline]] inline task<T>
wait_for(task_handle<T> handle, std::chrono::duration<Rep, Period> timeout,
         std::source_location where = std::source_location::current()) {
  return detail::wait_with_deadline(task<T>{}, std::move(handle),
                                    saturating_duration(timeout), where);
}

} // namespace aio
