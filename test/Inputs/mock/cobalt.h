// Declarations with the real names and signatures of Boost.Cobalt (Boost
// 1.84 and later; Debian 12 ships Boost 1.81, which predates it): its
// coroutine types, spawn, run, race/join/gather, wait_group, channel and
// io::sleep. Where cobalt returns an unspecified awaitable, a named one
// stands in. Only declared (a template that takes a callable has an empty
// body, since a lambda has no linkage): the tests analyse, never link.
#ifndef ASYNC_LINT_TEST_MOCK_COBALT_H
#define ASYNC_LINT_TEST_MOCK_COBALT_H

#include <chrono>
#include <coroutine>
#include <cstddef>
#include <exception>
#include <vector>

namespace boost::asio {
enum class cancellation_type : unsigned { none = 0,
                                          terminal = 1,
                                          all = 7 };
class any_io_executor {};
class io_context {
public:
  any_io_executor get_executor();
};
struct detached_t {};
inline constexpr detached_t detached;
} // namespace boost::asio

namespace boost::cobalt {

using executor = asio::any_io_executor;

template <typename T>
struct promise;
template <typename T>
struct task;
template <typename Yield, typename Push = void>
struct generator;
struct detached;

namespace this_coro {
struct allocator_t {};
constexpr allocator_t allocator;
struct cancelled_t {};
constexpr cancelled_t cancelled;
} // namespace this_coro

namespace detail {
template <typename T>
struct awaitable_result {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>);
  T await_resume();
};
// Answers co_await this_coro::cancelled at once.
struct await_this_coro {
  template <typename Awaitable>
  Awaitable &&await_transform(Awaitable &&a);
  awaitable_result<asio::cancellation_type>
      await_transform(this_coro::cancelled_t) noexcept;
};
// The promise types, with the initial suspension that tells eager from lazy.
template <typename Return>
struct cobalt_promise : await_this_coro {
  promise<Return> get_return_object();
  std::suspend_never initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception();
  template <typename V>
  void return_value(V &&value);
};
template <>
struct cobalt_promise<void> : await_this_coro {
  promise<void> get_return_object();
  std::suspend_never initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception();
  void return_void();
};
template <typename Return>
struct task_promise {
  task<Return> get_return_object();
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception();
  template <typename V>
  void return_value(V &&value);
};
template <>
struct task_promise<void> {
  task<void> get_return_object();
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception();
  void return_void();
};
struct detached_promise {
  detached get_return_object();
  std::suspend_never initial_suspend() noexcept;
  std::suspend_never final_suspend() noexcept;
  void unhandled_exception();
  void return_void();
};
namespace io {
struct steady_sleep {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>);
  void await_resume();
};
} // namespace io
} // namespace detail

template <typename Return>
struct [[nodiscard]] promise {
  using promise_type = detail::cobalt_promise<Return>;
  promise(promise &&lhs) noexcept;
  detail::awaitable_result<Return> operator co_await();
  // Ignore the return value, i.e. detach it.
  void operator+() &&;
  void cancel(asio::cancellation_type ct = asio::cancellation_type::all);
  bool ready() const;
  bool attached() const;
  void detach();
  void attach();
  ~promise();
};

template <typename Return>
struct [[nodiscard]] task {
  using promise_type = detail::task_promise<Return>;
  task(task &&lhs) noexcept;
  detail::awaitable_result<Return> operator co_await();
};

template <typename Yield, typename Push>
struct [[nodiscard]] generator {
  explicit operator bool() const;
  void cancel(asio::cancellation_type ct = asio::cancellation_type::all);
  detail::awaitable_result<Yield> operator co_await();
};

struct detached {
  using promise_type = detail::detached_promise;
};

template <typename T>
T run(task<T> t);

template <typename Context, typename T, typename CompletionToken>
void spawn(Context &context, task<T> &&t, CompletionToken &&token) {}

template <typename... Promise>
detail::awaitable_result<std::size_t> race(Promise &&...p);
template <typename T>
detail::awaitable_result<std::size_t> race(std::vector<promise<T>> &p);
template <typename... Promise>
detail::awaitable_result<std::size_t> left_race(Promise &&...p);
template <typename... Promise>
detail::awaitable_result<void> join(Promise &&...p);
template <typename T>
detail::awaitable_result<std::vector<T>> join(std::vector<promise<T>> &p);
template <typename... Promise>
detail::awaitable_result<void> gather(Promise &&...p);
template <typename T>
detail::awaitable_result<void> gather(std::vector<promise<T>> &p);

struct wait_group {
  explicit wait_group(
      asio::cancellation_type normal_cancel = asio::cancellation_type::none,
      asio::cancellation_type exit_cancel = asio::cancellation_type::all);
  void push_back(promise<void> p);
  detail::awaitable_result<void> wait_one();
  detail::awaitable_result<void> wait();
  void cancel(asio::cancellation_type ct = asio::cancellation_type::all);
  std::size_t size() const;
};

template <typename T>
struct channel {
  explicit channel(std::size_t limit = 0u);
  [[nodiscard]] detail::awaitable_result<T> read();
  [[nodiscard]] detail::awaitable_result<void> write(T &&value);
  void close();
};

namespace io {
[[nodiscard]] detail::io::steady_sleep
sleep(const std::chrono::steady_clock::duration &d);
} // namespace io

} // namespace boost::cobalt

#endif
