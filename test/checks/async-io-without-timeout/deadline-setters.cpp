// Deadline setters: a method that puts a deadline on later I/O of its object
// bounds that I/O, and the I/O of objects made from it, once it was called on
// every path to the I/O. Named by the option here; profiles name them in
// 'deadline-setters'.
// RUN: %check_async %s async-io-without-timeout %t --config="{CheckOptions: {async-io-without-timeout.ExtraNetworkIoFunctions: 'net::*::recv;net::client::fetch', async-io-without-timeout.ExtraDeadlineSetters: 'net::*::expire_after;net::request::set_transfer_timeout'}}"
// Without setters, every I/O below is unbounded.
// RUN: %check_async %s async-io-without-timeout %t.none --check-suffix=NONE --config="{CheckOptions: {async-io-without-timeout.ExtraNetworkIoFunctions: 'net::*::recv;net::client::fetch'}}"

#include <coroutine>

namespace net {
struct op {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  int await_resume() { return 0; }
};
struct stream {
  op recv();
  void expire_after(int ms);
};
struct connection {
  op recv();
  void expire_after(int ms);
  stream open_stream();
};
struct request {
  void set_transfer_timeout(int ms);
};
struct client {
  op fetch(const request &r);
};
} // namespace net

struct coro {
  struct promise_type {
    coro get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

coro set_first(net::connection conn) {
  conn.expire_after(500);
  co_await conn.recv();
  // CHECK-MESSAGES-NONE: :[[@LINE-1]]:3: warning: network I/O 'net::connection::recv' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

coro set_after(net::connection conn) {
  co_await conn.recv();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'net::connection::recv' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-NONE: :[[@LINE-2]]:3: warning: network I/O 'net::connection::recv' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  conn.expire_after(500);
}

// Only one branch sets it: the other path reaches the read unbounded.
coro set_on_one_path(net::connection conn, bool hurry) {
  if (hurry)
    conn.expire_after(100);
  co_await conn.recv();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'net::connection::recv' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-NONE: :[[@LINE-2]]:3: warning: network I/O 'net::connection::recv' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

// Set on another object: no bound on this one.
coro set_on_another(net::connection conn, net::connection other) {
  other.expire_after(100);
  co_await conn.recv();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'net::connection::recv' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-NONE: :[[@LINE-2]]:3: warning: network I/O 'net::connection::recv' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

// The stream comes from the connection that was given the deadline.
coro set_on_origin(net::connection conn) {
  conn.expire_after(500);
  net::stream s = conn.open_stream();
  co_await s.recv();
  // CHECK-MESSAGES-NONE: :[[@LINE-1]]:3: warning: network I/O 'net::stream::recv' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

// A request given a transfer timeout bounds the fetch it is passed to, also
// when the operation is made first and awaited later.
coro set_on_argument(net::client &http) {
  net::request r;
  r.set_transfer_timeout(3000);
  co_await http.fetch(r);
  // CHECK-MESSAGES-NONE: :[[@LINE-1]]:3: warning: network I/O 'net::client::fetch' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  net::request plain;
  net::op pending = http.fetch(plain);
  co_await pending;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'net::client::fetch' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-NONE: :[[@LINE-2]]:3: warning: network I/O 'net::client::fetch' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}
