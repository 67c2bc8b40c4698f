// libcoro's network operations (0.16 on) take a timeout that defaults to
// zero, which means none; scheduler::schedule(task, timeout) bounds the
// task it is given. Declarations from the libcoro stubs.
// RUN: %check_async %s async-io-without-timeout %t

#include "mock/libcoro.h"

#include <chrono>
#include <memory>
#include <string>

using namespace std::chrono_literals;

coro::task<> exchange(coro::net::tcp::client &client,
                      coro::net::tls::client &secure) {
  std::string buffer(64, '\0');
  co_await client.read_exact(buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'coro::net::tcp::client::read_exact' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_await secure.handshake();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'coro::net::tls::client::handshake' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_await client.poll(coro::poll_op::write);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'coro::net::tcp::client::poll' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

// Clean: a timeout given to the operation, or to the task that runs it.
coro::task<> bounded(std::unique_ptr<coro::scheduler> &s,
                     coro::net::tcp::client &client,
                     coro::net::tls::client &secure) {
  std::string buffer(64, '\0');
  co_await client.poll(coro::poll_op::read, 5s);
  co_await client.read_exact(buffer, 5s);
  co_await secure.handshake(10s);
  co_await s->schedule(client.read_some(buffer), 5s);
}
