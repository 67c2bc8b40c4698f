// "moraine", a made-up in-house runtime that async-lint knows nothing about
// until a profile file (moraine.yaml) describes it. Declarations only, but
// for the promise, so that coroutines can return its task.
#ifndef ASYNC_LINT_TEST_MORAINE_H
#define ASYNC_LINT_TEST_MORAINE_H

#include <chrono>
#include <coroutine>
#include <cstddef>
#include <exception>
#include <string>
#include <vector>

namespace moraine {

// Lazy: runs once awaited (or handed to spawn, detach or a nursery).
template <typename T = void>
class task {
public:
  struct promise_type {
    task get_return_object();
    std::suspend_always initial_suspend() noexcept;
    std::suspend_always final_suspend() noexcept;
    void unhandled_exception();
    template <typename U>
    void return_value(U &&);
  };
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  T await_resume();
};
template <>
struct task<void>::promise_type {
  task get_return_object();
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception();
  void return_void();
};

// A started task: it runs on whether or not anybody joins it.
template <typename T = void>
class handle {
public:
  void cancel();
  task<T> join();
};
template <typename T>
handle<T> spawn(task<T> work);
template <typename T>
void detach(task<T> work);
class nursery {
public:
  template <typename T>
  void start(task<T> work);
  task<> wait();
};

// Thrown into a cancelled task. Not a std::exception: a handler of
// std::exception lets it through, only catch (...) and its own handler
// catch it.
struct cancelled {
  int reason;
};
enum class errc { ok,
                  cancelled };

template <typename T>
task<T> with_timeout(task<T> work, std::chrono::milliseconds limit);
task<> sleep_for(std::chrono::milliseconds delay);
// The work runs to its end even when the awaiting task is cancelled.
template <typename T>
task<T> shielded(task<T> work);

class async_mutex {
public:
  class guard {
  public:
    ~guard();
  };
  task<guard> lock();
};
class spin_lock {
public:
  void lock();
  void unlock();
};
class spin_guard {
public:
  explicit spin_guard(spin_lock &lock);
  ~spin_guard();
};

class connection {
public:
  task<std::size_t> read(char *buffer, std::size_t size);
  task<std::size_t> write(const char *data, std::size_t size);
  // Every later read and write fails with a timeout past the limit.
  void set_deadline(std::chrono::milliseconds limit);
};
task<connection> connect(std::string host);

void block_for(std::chrono::milliseconds delay);
std::string read_file(const std::string &path);

// Runs every task at once; the second overload at most `at_most` at a time.
template <typename T>
task<std::vector<T>> gather(std::vector<task<T>> work);
template <typename T>
task<std::vector<T>> gather(std::vector<task<T>> work, std::size_t at_most);

} // namespace moraine

#endif
