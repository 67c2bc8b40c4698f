// Declarations with the real names and signatures of async_simple (Alibaba),
// which Debian does not package: its lazy coroutine task, the calls that
// start one, its collect functions, timer, locks, signals and futures. Only
// declared (a template that takes a callable has an empty body, since a
// lambda has no linkage): the tests analyse, never link.
#ifndef ASYNC_LINT_TEST_MOCK_ASYNC_SIMPLE_H
#define ASYNC_LINT_TEST_MOCK_ASYNC_SIMPLE_H

#include <chrono>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace async_simple {

class Executor {
public:
  using Func = std::function<void()>;
  virtual ~Executor();
  virtual bool schedule(Func func) = 0;
};

template <typename T>
class Try {
public:
  bool hasError() const;
  std::exception_ptr getException() const;
  T &value();
};
template <>
class Try<void> {
public:
  bool hasError() const;
  std::exception_ptr getException() const;
};

enum SignalType : uint64_t {
  None = 0,
  Terminate = 1,
};
class Signal : public std::enable_shared_from_this<Signal> {
public:
  static std::shared_ptr<Signal> create();
  SignalType emits(SignalType state) noexcept;
};
class Slot {
public:
  explicit Slot(Signal *signal, SignalType filter = SignalType::None);
  bool canceled() const noexcept;
};
class SignalException : public std::runtime_error {
public:
  explicit SignalException(SignalType signal, std::string msg = "");
  SignalType value() const;
};

template <typename T>
class Future {
public:
  T get() &&;
  void wait();
  bool hasResult() const;
};
template <typename T>
class Promise {
public:
  Future<T> getFuture();
  void setValue(T &&value);
};
template <>
class Promise<void> {
public:
  Future<void> getFuture();
  void setValue();
};

namespace coro {

template <typename T>
class Lazy;
template <typename T>
class RescheduleLazy;

namespace detail {
template <typename T>
struct LazyAwaiter {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  T await_resume();
};
template <typename T>
class LazyPromise {
public:
  Lazy<T> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception() noexcept;
  template <typename V>
  void return_value(V &&value);
};
template <>
class LazyPromise<void> {
public:
  Lazy<void> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception() noexcept;
  void return_void() noexcept;
};
template <typename T, bool Reschedule>
class LazyBase {
public:
  using promise_type = LazyPromise<T>;
  using ValueType = T;
  // The callback takes a Try<T>, which holds the exception of a failed task.
  // Defined (empty) so that a lambda, which has no linkage, can be passed.
  template <typename F>
  void start(F &&callback) {}
  bool isReady() const;
  LazyAwaiter<T> operator co_await();
};
struct DispatchAwaitable {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>);
  void await_resume() noexcept;
};
} // namespace detail

template <typename T = void>
class [[nodiscard]] Lazy : public detail::LazyBase<T, false> {
public:
  RescheduleLazy<T> via(Executor *ex) &&;
};
template <typename T = void>
class [[nodiscard]] RescheduleLazy : public detail::LazyBase<T, true> {
public:
  // Starts the task with a callback that rethrows its failure.
  void detach();
};

// Blocks the calling thread until the task has run to its end.
template <typename LazyType>
typename std::decay_t<LazyType>::ValueType syncAwait(LazyType &&lazy);
template <typename LazyType>
typename std::decay_t<LazyType>::ValueType syncAwait(LazyType &&lazy,
                                                     Executor *ex);

detail::DispatchAwaitable dispatch(Executor *ex);

template <typename Rep, typename Period>
Lazy<void> sleep(std::chrono::duration<Rep, Period> dur);
template <typename Rep, typename Period>
Lazy<void> sleep(Executor *ex, std::chrono::duration<Rep, Period> dur);

template <SignalType Signal = SignalType::None, typename T,
          template <typename> typename LazyType>
Lazy<std::vector<Try<T>>> collectAll(std::vector<LazyType<T>> &&input);
template <SignalType Signal = SignalType::None,
          template <typename> typename LazyType, typename... Ts>
Lazy<std::tuple<Try<Ts>...>> collectAll(LazyType<Ts>... inputs);
template <SignalType Signal = SignalType::None, typename T,
          template <typename> typename LazyType>
Lazy<std::vector<Try<T>>> collectAllPara(std::vector<LazyType<T>> &&input);
template <SignalType Signal = SignalType::None, typename T,
          template <typename> typename LazyType>
Lazy<std::vector<Try<T>>>
collectAllWindowed(std::size_t maxConcurrency, bool yield,
                   std::vector<LazyType<T>> &&input);
template <SignalType Signal = SignalType::None, typename T,
          template <typename> typename LazyType>
Lazy<std::vector<Try<T>>>
collectAllWindowedPara(std::size_t maxConcurrency, bool yield,
                       std::vector<LazyType<T>> &&input);

class Mutex {
public:
  struct LockAwaiter {
    bool await_ready() const noexcept;
    bool await_suspend(std::coroutine_handle<>) noexcept;
    void await_resume() noexcept;
  };
  struct ScopedLockAwaiter : LockAwaiter {
    std::unique_lock<Mutex> await_resume() noexcept;
  };
  bool tryLock() noexcept;
  [[nodiscard]] ScopedLockAwaiter coScopedLock() noexcept;
  [[nodiscard]] LockAwaiter coLock() noexcept;
  void unlock() noexcept;
};
class SpinLock {
public:
  Lazy<> coLock();
  void unlock() noexcept;
  [[nodiscard]] Lazy<std::unique_lock<SpinLock>> coScopedLock();
};
class ScopedSpinLock {
public:
  explicit ScopedSpinLock(SpinLock &lock);
};
template <std::size_t LeastMaxValue = 64>
class CountingSemaphore {
public:
  explicit CountingSemaphore(std::size_t desired);
  Lazy<void> acquire() noexcept;
  Lazy<void> release(std::size_t update = 1) noexcept;
};
class Latch {
public:
  explicit Latch(std::size_t count);
  Lazy<void> count_down(std::size_t update = 1);
  Lazy<void> wait() const noexcept;
};

} // namespace coro
} // namespace async_simple

namespace async_simple::coro::detail {
template <typename T>
struct FutureAwaiter {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>);
  T await_resume();
};
} // namespace async_simple::coro::detail

namespace async_simple {
template <typename T>
coro::detail::FutureAwaiter<T> operator co_await(Future<T> &&future);
} // namespace async_simple

#endif
