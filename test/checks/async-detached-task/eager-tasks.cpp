// What dropping a task costs depends on when it starts, which a type no
// profile names tells by its promise's initial_suspend(). A lazy task
// (std::suspend_always, or an awaiter that may suspend) never runs when
// dropped: async-missing-co-await. An eager one (std::suspend_never, or an
// awaiter whose await_ready() is a constant true) has started and runs on
// with nobody watching: async-detached-task, in a coroutine and in a plain
// function (a UI slot firing and forgetting). Kept, awaited, passed on or
// given a continuation, it is watched.
// RUN: %check_async %s async-detached-task,async-missing-co-await %t

#include <coroutine>
#include <exception>
#include <utility>
#include <vector>

namespace ui {

template <typename Initial>
struct promise_base {
  Initial initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() { std::terminate(); }
};

// Eager, like QCoro's Task: runs from the call to its first suspension.
template <typename T = void>
class Task {
public:
  struct promise_type : promise_base<std::suspend_never> {
    Task get_return_object();
    void return_value(T);
  };
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  T await_resume();
  // Runs the callback with the result: the continuation watches the task.
  template <typename Callback>
  Task<> then(Callback callback);
};
template <>
class Task<void> {
public:
  struct promise_type : promise_base<std::suspend_never> {
    Task get_return_object();
    void return_void();
  };
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  void await_resume();
};

// Eager through an awaiter of its own whose await_ready() is constant.
inline constexpr bool starts_at_once = true;
struct start_now {
  constexpr bool await_ready() const noexcept { return starts_at_once; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
struct Job {
  struct promise_type : promise_base<start_now> {
    Job get_return_object();
    void return_void();
  };
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  void await_resume();
};

// Lazy: suspended at its start.
template <typename T>
struct Lazy {
  struct promise_type : promise_base<std::suspend_always> {
    Lazy get_return_object();
    void return_value(T);
  };
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  T await_resume();
};

// Its first await_ready() looks at state: it may suspend, so lazy.
struct start_if_idle {
  bool idle;
  bool await_ready() const noexcept { return idle; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
struct Pending {
  struct promise_type : promise_base<start_if_idle> {
    Pending get_return_object();
    void return_void();
  };
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  void await_resume();
};

// Eager and frees itself at its end, with nothing to return: made to be
// dropped.
struct Detached {
  struct promise_type {
    Detached get_return_object();
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};

} // namespace ui

ui::Task<int> fetch_count();
ui::Task<> save(int count);
ui::Job refresh();
ui::Lazy<int> compute();
ui::Pending poll();
ui::Detached notify();
void show(ui::Task<int> count);

struct Window {
  ui::Task<> reload();

  void on_clicked() {
    fetch_count();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: eager task returned by 'fetch_count' is discarded; it runs on with nobody awaiting it or seeing its failure [async-detached-task]
    (void)save(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: eager task returned by 'save' is cast to void; it runs on with nobody awaiting it or seeing its failure [async-detached-task]
    reload();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: eager task returned by 'Window::reload' is discarded; it runs on with nobody awaiting it or seeing its failure [async-detached-task]
    refresh();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: eager task returned by 'refresh' is discarded; it runs on with nobody awaiting it or seeing its failure [async-detached-task]
    compute();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaitable returned by 'compute' is discarded; the task is lazy and never runs [async-missing-co-await]
    poll();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaitable returned by 'poll' is discarded; the task is lazy and never runs [async-missing-co-await]
    [this]() -> ui::Task<> { co_await reload(); }();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: eager task returned by 'lambda' is discarded; it runs on with nobody awaiting it or seeing its failure [async-detached-task]
    auto count = fetch_count();
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: eager task 'count' is never used; it runs on with nobody awaiting it or seeing its failure [async-detached-task]
    auto value = compute();
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: awaitable 'value' is never awaited, returned or passed on; the task is lazy and never runs [async-missing-co-await]

    // Clean: made to be dropped, given a continuation, passed on, stored.
    notify();
    fetch_count().then([](int count) { (void)count; });
    auto shown = fetch_count();
    show(std::move(shown));
    std::vector<ui::Task<int>> counts;
    counts.push_back(fetch_count());
  }
};

ui::Task<int> forwarded() { return fetch_count(); }

ui::Task<> on_saved() {
  save(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: eager task returned by 'save' is discarded; it runs on with nobody awaiting it or seeing its failure [async-detached-task]
  compute();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'compute' is discarded; the task is lazy and never runs [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await compute();

  // Clean: awaited at once or later.
  int count = co_await fetch_count();
  auto later = save(count);
  co_await later;
  co_await compute();
}
