#pragma once

// What `co_await a` yields, and a way to run any awaitable as a task.

#include "aio/task.hpp"

#include <type_traits>
#include <utility>
#include <variant>

namespace aio::detail {

template <class A> decltype(auto) get_awaiter(A &&a) {
  if constexpr (requires { std::forward<A>(a).operator co_await(); }) {
    return std::forward<A>(a).operator co_await();
  } else if constexpr (requires { operator co_await(std::forward<A>(a)); }) {
    return operator co_await(std::forward<A>(a));
  } else {
    return std::forward<A>(a);
  }
}

template <class A>
using await_result_t = decltype(get_awaiter(std::declval<A>()).await_resume());

// A void result becomes std::monostate where a value is needed (gather).
template <class T>
using value_or_monostate_t =
    std::conditional_t<std::is_void_v<T>, std::monostate, T>;

template <class A> task<await_result_t<A>> as_task(A awaitable) {
  co_return co_await std::move(awaitable);
}

template <class T> task<T> as_task(task<T> t) noexcept { return t; }

} // namespace aio::detail
