// Types that look awaitable but whose dropped value is not a forgotten
// co_await: a synchronous generator (iterated, not awaited), an eager
// fire-and-forget coroutine (runs on its own, nothing to return), a maker
// whose destructor starts the operation when nobody awaits it, and a
// synchronisation object that is only asked about its state. Each sits
// beside a twin that is reported.
// RUN: %check_async %s async-missing-co-await %t

#include "demo_task.h"

#include <coroutine>
#include <exception>
#include <utility>

// A synchronous generator: yield_value only, co_await forbidden in its body.
template <typename T>
struct generator {
  struct promise_type {
    T current{};
    generator get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T value) noexcept {
      current = value;
      return {};
    }
    template <typename U>
    std::suspend_never await_transform(U &&) = delete;
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};
generator<int> count_to(int n);

// Its twin yields too, but its promise awaits: a task that streams.
template <typename T>
struct stream_task {
  struct promise_type {
    stream_task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T) noexcept { return {}; }
    template <typename A>
    A &&await_transform(A &&a) {
      return static_cast<A &&>(a);
    }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};
stream_task<int> stream_to(int n);

// Starts at once and frees itself at its end: nothing is left to await.
struct fire_and_forget {
  struct promise_type {
    fire_and_forget get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};
fire_and_forget notify_all();

// Eager too, but it keeps its frame and a result to collect: dropping it
// leaves running work unwatched, which async-detached-task reports, not a
// forgotten co_await.
struct eager_result {
  struct promise_type {
    int value = 0;
    eager_result get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(int v) { value = v; }
    void unhandled_exception() { std::terminate(); }
  };
};
eager_result compute_eagerly();

// A maker: awaiting it waits for the task to start; dropping it starts the
// task anyway, from its destructor.
struct worker_pool {
  void launch(demo::task<> work);

  class start_maker {
  public:
    start_maker(worker_pool *pool, demo::task<> work)
        : pool(pool), work(std::move(work)) {}
    start_maker(start_maker &&other) noexcept
        : pool(std::exchange(other.pool, nullptr)), work(std::move(other.work)) {}
    ~start_maker() {
      if (pool)
        pool->launch(std::move(work));
    }
    demo::ready operator co_await() && {
      pool = nullptr;
      return {};
    }

  private:
    worker_pool *pool;
    demo::task<> work;
  };
  start_maker start(demo::task<> work) { return {this, std::move(work)}; }

  // Its twin's destructor only cleans up: dropped, nothing starts.
  class submit_op {
  public:
    explicit submit_op(worker_pool *pool) : pool(pool) {}
    ~submit_op() { pool = nullptr; }
    demo::ready operator co_await() && { return {}; }

  private:
    worker_pool *pool;
  };
  submit_op submit(demo::task<> work);
};

// A synchronisation object: awaited where it lives, as often as one likes.
class event {
public:
  explicit event(bool set) : state(set) {}
  event(const event &) = delete;
  bool is_set() const noexcept { return state; }
  void set() noexcept { state = true; }
  demo::ready operator co_await() const noexcept { return {}; }

private:
  bool state;
};
event &shared_event();

// A one-shot wait made by a call: its value is the pending operation.
struct wait_op {
  demo::ready operator co_await() const noexcept { return {}; }
};
wait_op wait_for(const event &e);

demo::task<> jobs();

demo::task<> dropped(worker_pool &pool) {
  count_to(3);
  stream_to(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'stream_to' is discarded; the task is lazy and never runs [async-missing-co-await]
  auto numbers = count_to(4);
  auto chunks = stream_to(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: awaitable 'chunks' is never awaited, returned or passed on; the task is lazy and never runs [async-missing-co-await]

  notify_all();
  compute_eagerly();

  pool.start(jobs());
  pool.submit(jobs());
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: awaitable returned by 'worker_pool::submit' is discarded; the operation never starts [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await pool.submit(jobs());

  event ready(false);
  if (ready.is_set())
    co_return;
  auto waiting = wait_for(shared_event());
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: awaitable 'waiting' is never awaited, returned or passed on; the operation never starts [async-missing-co-await]
  co_await shared_event();
}
