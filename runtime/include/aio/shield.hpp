#pragma once

// aio::shield(awaitable): the awaitable starts at once as its own task.
// Cancelling the task that awaits the shield makes that await throw
// aio::cancelled_error immediately, while the inner work runs on to its end.

#include "aio/detail/awaitable_traits.hpp"
#include "aio/task_handle.hpp"

#include <source_location>

namespace aio {

template <class T> class [[nodiscard]] shield_awaitable {
public:
  explicit shield_awaitable(task_handle<T> inner) noexcept
      : inner_(std::move(inner)) {}

  detail::handle_awaiter<T> operator co_await() && noexcept {
    return detail::handle_awaiter<T>{inner_.handle_, false};
  }

  // The shielded task, e.g. to await its result after a cancellation.
  [[nodiscard]] task_handle<T> &inner() noexcept { return inner_; }

private:
  task_handle<T> inner_;
};

template <class Awaitable>
shield_awaitable<detail::await_result_t<Awaitable>>
shield(Awaitable awaitable,
       std::source_location where = std::source_location::current()) {
  auto inner = detail::as_task(std::move(awaitable));
  return shield_awaitable<detail::await_result_t<Awaitable>>{
      detail::start_task(inner, where, "shield")};
}

} // namespace aio
