#pragma once

// aio::gather runs awaitables concurrently and returns all their results
// (void results become std::monostate). Unlike asyncio.gather, it is
// structured: on the first failure the others are cancelled, and once every
// one has finished the failures are raised as task_group::join() raises
// them: a single one as itself, two or more (e.g. failing in the same step,
// before the cancellation could stop them) as aio::exception_group.

#include "aio/detail/awaitable_traits.hpp"
#include "aio/task.hpp"
#include "aio/task_group.hpp"

#include <coroutine>
#include <cstddef>
#include <optional>
#include <source_location>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace aio {

namespace detail {

template <class V, class A> task<> store_result(std::optional<V> &slot, A a) {
  if constexpr (std::is_void_v<await_result_t<A>>) {
    co_await std::move(a);
    slot.emplace();
  } else {
    slot.emplace(co_await std::move(a));
  }
}

// Where the running task's frame was called from (without suspending).
struct own_call_site {
  const void *site = nullptr;
  [[nodiscard]] bool await_ready() const noexcept { return false; }
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> h) noexcept {
    site = h.promise().call_site;
    return false;
  }
  [[nodiscard]] const void *await_resume() const noexcept { return site; }
};

// Children of a fixed list are named after the gather call, not after this
// header; with no source location they are not counted as a fan-out.
struct group_spawn_access {
  template <class T>
  static void spawn(task_group &group, task<T> t, const void *call_site) {
    group.spawn_created_at(std::move(t), std::source_location{}, call_site);
  }
};

template <class... V, std::size_t... I>
std::tuple<V...> unwrap_all(std::tuple<std::optional<V>...> &slots,
                            std::index_sequence<I...>) {
  return std::tuple<V...>{std::move(*std::get<I>(slots))...};
}

} // namespace detail

template <class... Awaitables>
task<std::tuple<
    detail::value_or_monostate_t<detail::await_result_t<Awaitables>>...>>
gather(Awaitables... awaitables) {
  using seq = std::index_sequence_for<Awaitables...>;
  std::tuple<std::optional<
      detail::value_or_monostate_t<detail::await_result_t<Awaitables>>>...>
      slots;
  const void *site = co_await detail::own_call_site{};
  {
    task_group group;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      // No source location: a fixed list is not a fan-out (see
      // unbounded_fan_out).
      (detail::group_spawn_access::spawn(
           group,
           detail::store_result(std::get<I>(slots), std::move(awaitables)),
           site),
       ...);
    }(seq{});
    co_await group.join();
  }
  co_return detail::unwrap_all(slots, seq{});
}

// Over a range of tasks; results keep the order of `tasks`. `where` names the
// tasks in debug reports.
template <class T>
task<std::vector<detail::value_or_monostate_t<T>>>
gather(std::vector<task<T>> tasks,
       std::source_location where = std::source_location::current()) {
  using value = detail::value_or_monostate_t<T>;
  std::vector<std::optional<value>> slots(tasks.size());
  {
    task_group group;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      group.spawn(detail::store_result(slots[i], std::move(tasks[i])), where);
    }
    co_await group.join();
  }
  std::vector<value> results;
  results.reserve(slots.size());
  for (auto &slot : slots) {
    results.push_back(std::move(*slot));
  }
  co_return results;
}

} // namespace aio
