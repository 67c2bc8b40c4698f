// Declarations with the names and signatures of libcoro's public API as of
// its commit 277467f (March 2026, after 0.16.0): enough to call it and to
// write coroutines returning coro::task, nothing that runs. Debian does not
// package libcoro.
#ifndef ASYNC_LINT_TEST_MOCK_LIBCORO_H
#define ASYNC_LINT_TEST_MOCK_LIBCORO_H

#include <chrono>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <utility>
#include <vector>

namespace coro {

template <typename return_type = void>
class task;

namespace detail {
template <typename return_type>
struct promise {
  auto get_return_object() noexcept -> task<return_type>;
  auto initial_suspend() noexcept -> std::suspend_always;
  auto final_suspend() noexcept -> std::suspend_always;
  auto unhandled_exception() noexcept -> void;
  auto return_value(return_type value) -> void;
};
template <>
struct promise<void> {
  auto get_return_object() noexcept -> task<void>;
  auto initial_suspend() noexcept -> std::suspend_always;
  auto final_suspend() noexcept -> std::suspend_always;
  auto unhandled_exception() noexcept -> void;
  auto return_void() noexcept -> void;
};
} // namespace detail

template <typename return_type>
class task {
public:
  using promise_type = detail::promise<return_type>;
  struct awaitable {
    auto await_ready() const noexcept -> bool;
    auto await_suspend(std::coroutine_handle<> awaiting) noexcept
        -> std::coroutine_handle<>;
    auto await_resume() -> return_type;
  };
  task(task &&other) noexcept;
  ~task();
  auto operator co_await() const & noexcept -> awaitable;
  auto operator co_await() const && noexcept -> awaitable;
};

enum class poll_op : uint64_t { read,
                                write,
                                read_write };
enum class poll_status { read,
                         write,
                         timeout,
                         error,
                         closed,
                         cancelled };
enum class timeout_status { no_timeout,
                            timeout };
using fd_t = int;
class poll_stop_token {
public:
  explicit poll_stop_token(fd_t receiver);
};

template <typename T, typename E>
class expected {
public:
  auto has_value() const noexcept -> bool;
};

class thread_pool {
public:
  struct schedule_operation {
    auto await_ready() noexcept -> bool;
    auto await_suspend(std::coroutine_handle<> awaiting) noexcept -> void;
    auto await_resume() noexcept -> void;
  };
  [[nodiscard]] auto schedule() -> schedule_operation;
  auto spawn_detached(coro::task<void> &&task) noexcept -> bool;
  auto spawn_joinable(coro::task<void> &&task) noexcept -> coro::task<void>;
  template <typename return_type>
  [[nodiscard]] auto schedule(coro::task<return_type> task)
      -> coro::task<return_type>;
  [[nodiscard]] auto yield() -> schedule_operation;
  auto shutdown() noexcept -> void;
};

// coro/generator.hpp: a synchronous generator, lazy like its task.
template <typename T>
class generator {
public:
  struct promise_type {
    auto get_return_object() noexcept -> generator<T>;
    auto initial_suspend() const -> std::suspend_always;
    auto final_suspend() const noexcept -> std::suspend_always;
    auto yield_value(T value) noexcept -> std::suspend_always;
    auto return_void() noexcept -> void;
    auto unhandled_exception() -> void;
  };
};

class scheduler {
public:
  using clock = std::chrono::steady_clock;
  using time_point = clock::time_point;
  struct schedule_operation {
    auto await_ready() noexcept -> bool;
    auto await_suspend(std::coroutine_handle<> awaiting) noexcept -> void;
    auto await_resume() noexcept -> void;
  };
  auto process_events(
      std::chrono::milliseconds timeout = std::chrono::milliseconds{0})
      -> std::size_t;
  auto schedule() -> schedule_operation;
  auto spawn_detached(coro::task<void> &&task) -> bool;
  auto spawn_joinable(coro::task<void> &&task) -> coro::task<void>;
  template <typename return_type>
  [[nodiscard]] auto schedule(coro::task<return_type> task)
      -> coro::task<return_type>;
  template <typename return_type, typename rep, typename period>
  [[nodiscard]] auto schedule(coro::task<return_type> task,
                              std::chrono::duration<rep, period> timeout)
      -> coro::task<coro::expected<return_type, timeout_status>>;
  template <class rep_type, class period_type>
  [[nodiscard]] auto
  schedule_after(std::chrono::duration<rep_type, period_type> amount)
      -> coro::task<void>;
  [[nodiscard]] auto schedule_at(time_point time) -> coro::task<void>;
  [[nodiscard]] auto yield() -> schedule_operation;
  template <class rep_type, class period_type>
  [[nodiscard]] auto
  yield_for(std::chrono::duration<rep_type, period_type> amount)
      -> coro::task<void>;
  [[nodiscard]] auto yield_until(time_point time) -> coro::task<void>;
  [[nodiscard]] auto
  poll(fd_t fd, coro::poll_op op,
       std::chrono::milliseconds timeout = std::chrono::milliseconds{0},
       std::optional<poll_stop_token> cancel_trigger = std::nullopt)
      -> coro::task<poll_status>;
  auto shutdown() noexcept -> void;
};

template <typename executor_type>
class task_group {
public:
  struct awaiter {
    auto await_ready() const noexcept -> bool;
    auto await_suspend(std::coroutine_handle<> awaiting) noexcept -> bool;
    auto await_resume() noexcept -> void;
  };
  explicit task_group(executor_type *executor);
  explicit task_group(executor_type *executor, coro::task<void> &&task);
  explicit task_group(std::unique_ptr<executor_type> &executor);
  ~task_group();
  [[nodiscard]] auto start(coro::task<void> &&task) -> bool;
  [[nodiscard]] auto size() const -> std::size_t;
  auto operator co_await() const noexcept -> awaiter;
};

template <typename awaitable_type>
auto sync_wait(awaitable_type &&a) -> int;

template <typename... awaitables_type>
[[nodiscard]] auto when_all(awaitables_type... awaitables)
    -> coro::task<void>;
template <typename range_type>
[[nodiscard]] auto when_all(range_type awaitables) -> coro::task<void>;

class mutex;
class scoped_lock {
public:
  enum class lock_strategy { adopt };
  explicit scoped_lock(class coro::mutex &m,
                       lock_strategy strategy = lock_strategy::adopt);
  scoped_lock(scoped_lock &&other) noexcept;
  ~scoped_lock();
  auto unlock() -> void;
};
namespace detail {
template <typename return_type>
struct lock_operation {
  auto await_ready() const noexcept -> bool;
  auto await_suspend(std::coroutine_handle<> awaiting) noexcept -> bool;
  auto await_resume() noexcept -> return_type;
};
} // namespace detail
class mutex {
public:
  [[nodiscard]] auto scoped_lock()
      -> detail::lock_operation<coro::scoped_lock>;
  [[nodiscard]] auto lock() -> detail::lock_operation<void>;
  [[nodiscard]] auto try_lock() -> bool;
  auto unlock() -> void;
};

enum class semaphore_acquire_result { acquired,
                                      shutdown };
template <std::ptrdiff_t max_value>
class semaphore {
public:
  explicit semaphore(std::ptrdiff_t starting_value);
  [[nodiscard]] auto acquire() -> coro::task<semaphore_acquire_result>;
  [[nodiscard]] auto release() -> coro::task<void>;
};

namespace net {
enum class io_status { ok,
                       closed,
                       timeout,
                       would_block_or_try_again,
                       error };
enum class connect_status { connected,
                            invalid_ip_address,
                            timeout,
                            error };
namespace tcp {
class client {
public:
  auto connect(std::chrono::milliseconds timeout = std::chrono::milliseconds{0})
      -> coro::task<net::connect_status>;
  template <typename buffer_type>
  auto read_some(buffer_type &buffer, const std::chrono::milliseconds timeout =
                                          std::chrono::milliseconds{0})
      -> coro::task<std::pair<io_status, std::span<char>>>;
  template <typename buffer_type>
  auto read_exact(buffer_type &buffer, const std::chrono::milliseconds timeout =
                                           std::chrono::milliseconds{0})
      -> coro::task<std::pair<io_status, std::span<char>>>;
  template <typename buffer_type>
  auto write_some(const buffer_type &buffer,
                  const std::chrono::milliseconds timeout =
                      std::chrono::milliseconds{0})
      -> coro::task<std::pair<io_status, std::span<const char>>>;
  template <typename buffer_type>
  auto write_all(const buffer_type &buffer,
                 const std::chrono::milliseconds timeout =
                     std::chrono::milliseconds{0})
      -> coro::task<std::pair<io_status, std::span<const char>>>;
  auto poll(const coro::poll_op op, const std::chrono::milliseconds timeout =
                                        std::chrono::milliseconds{0})
      -> coro::task<poll_status>;
  template <typename buffer_type>
  auto recv(buffer_type &&buffer) -> std::pair<io_status, std::span<char>>;
  template <typename buffer_type>
  auto send(const buffer_type &buffer)
      -> std::pair<io_status, std::span<const char>>;
};
class server {
public:
  auto accept(std::chrono::milliseconds timeout = std::chrono::milliseconds{0})
      -> coro::task<coro::expected<coro::net::tcp::client, io_status>>;
};
} // namespace tcp
namespace tls {
enum class connection_status { connected,
                               timeout,
                               error };
class client {
public:
  auto connect(std::chrono::milliseconds timeout = std::chrono::milliseconds{0})
      -> coro::task<connection_status>;
  auto handshake(std::chrono::milliseconds timeout = std::chrono::milliseconds{
                     0}) -> coro::task<connection_status>;
  template <typename buffer_type>
  auto recv(buffer_type &buffer,
            std::optional<std::chrono::milliseconds> timeout = std::nullopt)
      -> coro::task<std::pair<io_status, std::span<char>>>;
  template <typename buffer_type>
  auto send(const buffer_type &buffer,
            std::optional<std::chrono::milliseconds> timeout = std::nullopt)
      -> coro::task<std::pair<io_status, std::span<const char>>>;
};
} // namespace tls
} // namespace net

} // namespace coro

#endif
