// libcoro: when_all over a vector of tasks whose size comes from input is
// reported; its variadic overload runs a fixed number, and a semaphore
// bounds the work. The declarations below stand in for libcoro's.
// RUN: %check_async %s async-unbounded-gather %t

#include "demo_task.h"

#include <cstddef>
#include <ranges>
#include <utility>
#include <vector>

namespace coro {
template <typename T = void>
using task = demo::task<T>;
template <typename T>
concept awaitable = requires(T t) { t.await_ready(); };
template <awaitable... Awaitables>
auto when_all(Awaitables... awaitables) -> task<>;
template <std::ranges::range Range>
auto when_all(Range awaitables) -> task<>;
template <std::ptrdiff_t Max>
class semaphore {
public:
  auto acquire() -> task<>;
  auto release() -> void;
};
} // namespace coro

coro::task<int> fetch(int id);

coro::task<> fetch_all(std::vector<int> ids) {
  std::vector<coro::task<int>> tasks;
  for (int id : ids)
    tasks.push_back(fetch(id));
  co_await coro::when_all(std::move(tasks));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'coro::when_all' runs a task for every element of a range whose size comes from input, all at once; bound the concurrency with a semaphore or gather in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: 'tasks' gets an element in every iteration of a loop over input here
  // CHECK-MESSAGES: :[[@LINE-7]]:41: note: 'ids' comes from the caller
}

// Clean: a fixed number of tasks.
coro::task<> fetch_fixed() {
  co_await coro::when_all(fetch(1), fetch(2));
  std::vector<coro::task<int>> tasks;
  for (int id = 0; id < 8; ++id)
    tasks.push_back(fetch(id));
  co_await coro::when_all(std::move(tasks));
}

// Clean: each task waits for one of the semaphore's slots.
coro::task<int> fetch_limited(coro::semaphore<8> &slots, int id) {
  co_await slots.acquire();
  int value = co_await fetch(id);
  slots.release();
  co_return value;
}

coro::task<> fetch_all_limited(coro::semaphore<8> &slots, std::vector<int> ids) {
  std::vector<coro::task<int>> tasks;
  for (int id : ids)
    tasks.push_back(fetch_limited(slots, id));
  co_await coro::when_all(std::move(tasks));
}
