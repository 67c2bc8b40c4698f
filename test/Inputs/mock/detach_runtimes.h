// Declarations with the qualified names of the task types and the spawning
// APIs of runtimes that Debian does not package (cppcoro, libcoro,
// folly::coro, stdexec), shaped like the real ones, enough to call them.
#ifndef ASYNC_LINT_TEST_DETACH_RUNTIMES_H
#define ASYNC_LINT_TEST_DETACH_RUNTIMES_H

#include <coroutine>

namespace cppcoro {
template <typename T = void>
class task {
public:
  struct promise_type;
  struct awaiter {
    bool await_ready() const noexcept;
    void await_suspend(std::coroutine_handle<>) noexcept;
    T await_resume();
  };
  awaiter operator co_await() const & noexcept;
};
class async_scope {
public:
  template <typename Awaitable>
  void spawn(Awaitable &&);
};
} // namespace cppcoro

namespace coro {
template <typename T = void>
class task {
public:
  struct promise_type;
  struct awaiter {
    bool await_ready() const noexcept;
    void await_suspend(std::coroutine_handle<>) noexcept;
    T await_resume();
  };
  awaiter operator co_await() const & noexcept;
  awaiter operator co_await() && noexcept;
};
// spawn before 0.14; spawn_detached and spawn_joinable since.
class thread_pool {
public:
  bool spawn(task<void> &&) noexcept;
  bool spawn_detached(task<void> &&task) noexcept;
  task<void> spawn_joinable(task<void> &&task) noexcept;
};
class scheduler {
public:
  bool spawn_detached(task<void> &&task);
  task<void> spawn_joinable(task<void> &&task);
};
template <typename Executor>
class task_group {
public:
  explicit task_group(Executor *executor);
  task_group(Executor *executor, task<void> &&task);
  [[nodiscard]] bool start(task<void> &&task);
  task<void>::awaiter operator co_await() const noexcept;
};
class task_container {
public:
  void start(task<void> &&);
};
} // namespace coro

namespace folly {
template <typename T>
class SemiFuture {
public:
  T get() &&;
};
struct Executor {};
namespace coro {
template <typename T>
class TaskWithExecutor {
public:
  SemiFuture<T> start() &&;
};
// Awaitable only inside folly's own coroutines, through their promise.
template <typename T>
class Task {
public:
  struct promise_type;
  TaskWithExecutor<T> scheduleOn(Executor *) &&;
  SemiFuture<T> semi() &&;
};
class AsyncScope {
public:
  void add(TaskWithExecutor<void> &&);
};
} // namespace coro
} // namespace folly

namespace stdexec {
struct just_sender {};
just_sender just();
namespace detail {
struct start_detached_t {
  template <typename Sender>
  void operator()(Sender &&) const;
};
} // namespace detail
inline constexpr detail::start_detached_t start_detached{};
} // namespace stdexec

namespace exec {
class async_scope {
public:
  template <typename Sender>
  void spawn(Sender &&);
};
} // namespace exec

#endif
