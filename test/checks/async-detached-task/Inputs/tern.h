// The made-up runtime "tern" (profile: tern.yaml). Its promises are only
// declared here, as in a runtime whose definitions live in a library, so
// nothing about Task and LazyTask tells when they start but the profile.
#ifndef ASYNC_LINT_TEST_TERN_H
#define ASYNC_LINT_TEST_TERN_H

#include <coroutine>

namespace tern {

struct initial_awaiter {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  void await_resume() noexcept;
};

template <typename T = void>
class Task {
public:
  struct promise_type;
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  T await_resume();
  template <typename Callback>
  Task<> then(Callback callback) { return {}; }
};

template <typename T = void>
class LazyTask {
public:
  struct promise_type;
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  T await_resume();
};

class Job {
public:
  struct promise_type {
    Job get_return_object();
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void();
    void unhandled_exception();
  };
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  void await_resume();
};

} // namespace tern

#endif
