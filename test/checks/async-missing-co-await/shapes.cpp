// Awaitables are recognised by shape: an awaiter (await_ready, await_suspend,
// await_resume), a member or free operator co_await, or a coroutine return
// type (a promise_type). Dropping one costs the operation (an awaiter) or the
// work (a lazy coroutine). An eager coroutine has started: dropping it is
// async-detached-task's finding. Awaiters that do no work, and the awaiter
// objects a runtime's own code drives by hand, are left alone.
// RUN: %check_async %s async-missing-co-await %t

#include "demo_task.h"

#include <coroutine>
#include <exception>

namespace net {
struct read_awaiter {
  int fd;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept;
  int await_resume() noexcept;
};
read_awaiter read(int fd);

// Awaitable through a member operator co_await.
class timer {
public:
  struct awaiter : read_awaiter {};
  awaiter operator co_await() const noexcept;
};
timer after(int ms);

// Awaitable through a free operator co_await, found beside the type.
template <typename T>
struct future_value {
  T value;
};
template <typename T>
read_awaiter operator co_await(future_value<T>);
future_value<int> later(int v);

// Not awaitable: an ordinary value with a similar name.
struct reader {
  int fd;
};
reader open_reader(int fd);
} // namespace net

// A coroutine type whose body starts at once: dropped, it runs on.
struct eager {
  struct promise_type {
    eager get_return_object();
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};
eager start_eager();

// Does nothing when awaited: everything about it is constexpr.
struct no_op {
  constexpr bool await_ready() const noexcept { return true; }
  constexpr void await_suspend(std::coroutine_handle<>) const noexcept {}
  constexpr void await_resume() const noexcept {}
};

demo::task<> shapes() {
  net::read(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'net::read' is discarded; the operation never starts [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await net::read(3);
  net::after(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'net::after' is discarded; the operation never starts [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await net::after(10);
  net::later(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'net::later' is discarded; the operation never starts [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await net::later(1);
  net::read_awaiter{4};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable 'net::read_awaiter' is discarded; the operation never starts [async-missing-co-await]
  // CHECK-FIXES: {{^}}  co_await net::read_awaiter{4};
  auto pending = net::read(5);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: awaitable 'pending' is never awaited, returned or passed on; the operation never starts [async-missing-co-await]

  // Clean.
  start_eager();
  net::open_reader(3);
  no_op{};
  std::suspend_always{};
  co_await net::read(6);
  co_await net::after(1);
  co_await net::later(2);
  co_await no_op{};
}

// A runtime's own code makes awaiters and drives them by hand.
struct manual_driver {
  std::coroutine_handle<> self;
  int drive(net::timer t) {
    auto awaiter = t.operator co_await();
    if (!awaiter.await_ready())
      awaiter.await_suspend(self);
    return awaiter.await_resume();
  }
  net::timer::awaiter forward(net::timer t) { return t.operator co_await(); }
};
