// Options: an in-house runtime's operations, timeout wrapper, timer and
// deadline type; CheckAccept; BoundedFunctions; TrustBoundedCallers off.
// RUN: %check_async %s async-io-without-timeout %t --config="{CheckOptions: {async-io-without-timeout.ExtraNetworkIoFunctions: 'rt::conn::recv*;rt::dial', async-io-without-timeout.ExtraTimeoutWrappers: 'rt::within', async-io-without-timeout.ExtraTimerWaits: 'rt::timer::expiry', async-io-without-timeout.ExtraDeadlineTypes: 'rt::deadline', async-io-without-timeout.BoundedFunctions: 'rt_app::read_*', async-io-without-timeout.TrustBoundedCallers: false, async-io-without-timeout.CheckAccept: true}}"
// RUN: %check_async %s async-io-without-timeout %t.aio-accept --check-suffix=ACCEPT --config="{CheckOptions: {async-io-without-timeout.CheckAccept: true, async-io-without-timeout.ExtraAcceptFunctions: 'rt::listener::next'}}"

#include <aio/tcp.hpp>
#include <aio/wait_for.hpp>

#include <array>
#include <chrono>
#include <coroutine>

using namespace std::chrono_literals;

namespace rt {
struct op {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  int await_resume() { return 0; }
};
struct deadline {
  long ms;
};
struct conn {
  op recv();
  op recv_some(int);
  op recv(deadline);
  op send();
};
op dial(const char *);
struct timer {
  op expiry();
};
op within(op, int ms);
struct race {
  op operator||(op) const;
};
struct listener {
  op next();
};
} // namespace rt

aio::task<> in_house(rt::conn &c, rt::timer &t) {
  co_await c.recv();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'rt::conn::recv' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_await c.recv_some(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'rt::conn::recv_some' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_await rt::dial("peer");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'rt::dial' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_await rt::within(c.recv(), 100);
  co_await c.recv(rt::deadline{100});
  co_await c.send();
  co_await t.expiry();
}

aio::task<> accept_next(aio::tcp_listener &listener, rt::listener &other) {
  aio::tcp_stream s = co_await listener.accept();
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: network I/O 'aio::tcp_listener::accept' is awaited with no timeout; a listener that no peer connects to stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:23: warning: network I/O 'aio::tcp_listener::accept' is awaited with no timeout; a listener that no peer connects to stalls this task forever [async-io-without-timeout]
  co_await other.next();
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-1]]:3: warning: network I/O 'rt::listener::next' is awaited with no timeout; a listener that no peer connects to stalls this task forever [async-io-without-timeout]
  co_await aio::wait_for(listener.accept(), 1s);
}

// Bounded by its caller: reported when TrustBoundedCallers is off.
aio::task<> helper(aio::tcp_stream &s) {
  std::array<std::byte, 8> buf;
  co_await s.read(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'aio::tcp_stream::read' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}
aio::task<> caller(aio::tcp_stream &s) {
  co_await aio::wait_for(helper(s), 1s);
}

// Named by BoundedFunctions: not reported.
namespace rt_app {
aio::task<> read_frame(aio::tcp_stream &s) {
  std::array<std::byte, 8> buf;
  co_await s.read(buf);
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-1]]:3: warning: network I/O 'aio::tcp_stream::read' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}
} // namespace rt_app
