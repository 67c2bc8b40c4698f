// libcoro's thread_pool::shutdown() and scheduler::shutdown() return only
// once every task spawned on the executor has finished: detached work that
// refers to a local is over before the local dies.
// RUN: %check_async %s async-dangling-reference %t

#include <atomic>
#include <coroutine>
#include <memory>

// The shape of libcoro's API (include/coro/thread_pool.hpp), enough to call
// it.
namespace coro {
template <typename T = void>
class task {
public:
  struct promise_type {
    task get_return_object();
    std::suspend_always initial_suspend() noexcept;
    std::suspend_always final_suspend() noexcept;
    void return_void();
    void unhandled_exception();
  };
};
class thread_pool {
public:
  bool spawn_detached(task<void> &&task) noexcept;
  void shutdown() noexcept;
};
} // namespace coro

coro::task<> add(std::atomic<int> &counter, int amount) {
  counter += amount;
  co_return;
}

int drained(std::unique_ptr<coro::thread_pool> &pool) {
  std::atomic<int> counter{0};
  pool->spawn_detached(add(counter, 1));
  pool->shutdown();
  return counter;
}

int not_drained(std::unique_ptr<coro::thread_pool> &pool) {
  std::atomic<int> counter{0};
  pool->spawn_detached(add(counter, 1));
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'counter' is bound to reference parameter 'counter' of 'add', but the task outlives it: 'counter' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-16]]:36: note: reference parameter 'counter' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: 'coro::thread_pool::spawn_detached' starts the task here and nothing waits for it
  return counter;
}
