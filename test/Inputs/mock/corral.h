// Declarations with the real names and signatures of corral (Hudson River
// Trading), which Debian does not package: its lazy Task, nurseries, the
// anyOf/allOf/mostOf combiners, sleepFor, noncancellable, its semaphore and
// channel. Where corral returns `Awaitable auto`, a named awaiter stands in
// for the deduced type. Only declared (a template that takes a callable has
// an empty body, since a lambda has no linkage): the tests analyse, never
// link.
#ifndef ASYNC_LINT_TEST_MOCK_CORRAL_H
#define ASYNC_LINT_TEST_MOCK_CORRAL_H

#include <chrono>
#include <coroutine>
#include <cstddef>
#include <functional>
#include <optional>
#include <tuple>
#include <vector>

namespace boost::asio {
class io_context {
public:
  std::size_t run();
};
} // namespace boost::asio

namespace corral {

template <typename T = void>
class Task;

namespace detail {
template <typename T>
struct TaskAwaiter {
  bool await_ready() const noexcept;
  std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept;
  T await_resume();
};
template <typename T>
class Promise {
public:
  Task<T> get_return_object();
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception();
  template <typename V>
  void return_value(V &&value);
};
template <>
class Promise<void> {
public:
  Task<void> get_return_object();
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception();
  void return_void();
};
// What anyOf, allOf, mostOf and noncancellable return.
template <typename... T>
struct Combined {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>);
  std::tuple<std::optional<T>...> await_resume();
};
struct BoostAsioImpl;
template <class AsioImpl>
class AsioTimer {
public:
  TaskAwaiter<void> operator co_await();
};
struct Unspecified;
struct DefaultErrorPolicy;
struct NurseryOpener;
} // namespace detail

template <typename T>
class [[nodiscard]] Task {
public:
  using promise_type = detail::Promise<T>;
  detail::TaskAwaiter<T> operator co_await() &&;
};

template <class PolicyT>
class BasicNursery {
public:
  // Starts a task that runs co_await std::invoke(c, args...).
  template <class Callable, class... Args>
  void start(Callable c, Args... args) {}
  void cancel();
  unsigned taskCount() const noexcept;
};
using Nursery = BasicNursery<detail::DefaultErrorPolicy>;

template <class Policy>
class BasicUnsafeNursery final : public BasicNursery<Policy> {
public:
  explicit BasicUnsafeNursery(boost::asio::io_context &eventLoop);
  detail::TaskAwaiter<void> join();
  void close();
};
using UnsafeNursery = BasicUnsafeNursery<detail::DefaultErrorPolicy>;

namespace detail {
struct NurseryOpener {
  template <class Policy>
  Task<void> operator()(BasicNursery<Policy> *&ptr) const;
};
} // namespace detail
static constexpr detail::NurseryOpener openNursery{};

template <class... Ts>
detail::Combined<Ts...> anyOf(Ts &&...awaitables);
template <class T>
detail::Combined<T> anyOf(std::vector<Task<T>> &&range);
template <class... Ts>
detail::Combined<Ts...> allOf(Ts &&...awaitables);
template <class T>
detail::Combined<T> allOf(std::vector<Task<T>> &&range);
template <class... Ts>
detail::Combined<Ts...> mostOf(Ts &&...awaitables);
template <class T>
detail::Combined<T> mostOf(std::vector<Task<T>> &&range);

template <class Awaitable>
detail::Combined<Awaitable> noncancellable(Awaitable awaitable);

template <class R, class P>
detail::AsioTimer<detail::BoostAsioImpl>
sleepFor(boost::asio::io_context &io, std::chrono::duration<R, P> delay);

// Runs the event loop until the awaitable completes (corral takes any
// awaitable and returns its result).
template <class EventLoop, class T>
T run(EventLoop &eventLoop, Task<T> &&awaitable);

class ThreadPool {
public:
  ThreadPool(boost::asio::io_context &eventLoop, unsigned threadCount);
  template <class F, class... Args>
  detail::TaskAwaiter<std::invoke_result_t<F, Args...>> run(F f,
                                                            Args &&...args);
};

class Semaphore {
public:
  class [[nodiscard]] Lock {
  public:
    Lock() = default;
    Lock(Lock &&) noexcept;
    ~Lock();
  };
  explicit Semaphore(std::size_t initial = 1);
  detail::TaskAwaiter<void> acquire();
  void release();
  [[nodiscard]] detail::TaskAwaiter<Lock> lock();
};

class Event {
public:
  void trigger();
  detail::TaskAwaiter<void> operator co_await();
};

template <class T>
class Channel {
public:
  [[nodiscard]] detail::TaskAwaiter<std::optional<T>> receive();
  template <typename U>
  [[nodiscard]] detail::TaskAwaiter<bool> send(U &&value);
  void close();
};

} // namespace corral

#endif
