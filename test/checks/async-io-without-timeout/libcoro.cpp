// libcoro: the client's reads, writes, polls and connects take a timeout
// that defaults to zero, which means none. Left at its default, or given as
// zero or as an empty optional, it bounds nothing; any other timeout does.
// The declarations below stand in for libcoro's.
// RUN: %check_async %s async-io-without-timeout %t
// RUN: %check_async %s async-io-without-timeout %t.accept --check-suffix=ACCEPT --config="{CheckOptions: {async-io-without-timeout.CheckAccept: true}}"

#include "demo_task.h"

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <utility>

using namespace std::chrono_literals;

namespace coro {
template <typename T = void>
using task = demo::task<T>;
enum class poll_op { read,
                     write };
enum class poll_status { event,
                         timeout,
                         error,
                         closed };
namespace net {
enum class io_status { ok,
                       timeout,
                       closed };
enum class connect_status { connected,
                            timeout,
                            error };
namespace tcp {
class client {
public:
  auto connect(std::chrono::milliseconds timeout = std::chrono::milliseconds{0}) -> task<connect_status>;
  template <typename Buffer>
  auto read_some(Buffer &buffer, std::chrono::milliseconds timeout = std::chrono::milliseconds{0}) -> task<std::pair<io_status, std::span<char>>>;
  template <typename Buffer>
  auto write_some(const Buffer &buffer, std::chrono::milliseconds timeout = std::chrono::milliseconds{0}) -> task<std::pair<io_status, std::span<const char>>>;
  template <typename Buffer>
  auto write_all(const Buffer &buffer, std::chrono::milliseconds timeout = std::chrono::milliseconds{0}) -> task<std::pair<io_status, std::span<const char>>>;
  auto poll(poll_op op, std::chrono::milliseconds timeout = std::chrono::milliseconds{0}) -> task<poll_status>;
};
class server {
public:
  auto accept(std::chrono::milliseconds timeout = std::chrono::milliseconds{0}) -> task<client>;
};
} // namespace tcp
namespace tls {
class client {
public:
  template <typename Buffer>
  auto recv(Buffer &buffer, std::optional<std::chrono::milliseconds> timeout = std::nullopt) -> task<std::pair<io_status, std::span<char>>>;
  template <typename Buffer>
  auto send(const Buffer &buffer, std::optional<std::chrono::milliseconds> timeout = std::nullopt) -> task<std::pair<io_status, std::span<const char>>>;
};
} // namespace tls
namespace udp {
class peer {
public:
  template <typename Buffer>
  auto read_from(Buffer &buffer, std::chrono::milliseconds timeout = std::chrono::milliseconds{0}) -> task<io_status>;
};
} // namespace udp
} // namespace net
} // namespace coro

coro::task<> echo(coro::net::tcp::client client) {
  std::string buffer(256, '\0');
  co_await client.poll(coro::poll_op::read);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'coro::net::tcp::client::poll' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:3: warning: network I/O 'coro::net::tcp::client::poll' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  auto [status, read] = co_await client.read_some(buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: network I/O 'coro::net::tcp::client::read_some' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:25: warning: network I/O 'coro::net::tcp::client::read_some' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_await client.write_some(read);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'coro::net::tcp::client::write_some' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:3: warning: network I/O 'coro::net::tcp::client::write_some' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_await client.write_all(read, std::chrono::milliseconds{0});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'coro::net::tcp::client::write_all' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:3: warning: network I/O 'coro::net::tcp::client::write_all' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_await client.read_some(buffer, 0ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'coro::net::tcp::client::read_some' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:3: warning: network I/O 'coro::net::tcp::client::read_some' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

coro::task<> dial(coro::net::tcp::client &client) {
  co_await client.connect();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'coro::net::tcp::client::connect' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:3: warning: network I/O 'coro::net::tcp::client::connect' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

coro::task<> secure(coro::net::tls::client &client, coro::net::udp::peer &peer) {
  std::string buffer(256, '\0');
  co_await client.recv(buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'coro::net::tls::client::recv' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:3: warning: network I/O 'coro::net::tls::client::recv' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_await client.send(buffer, std::nullopt);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'coro::net::tls::client::send' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:3: warning: network I/O 'coro::net::tls::client::send' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_await peer.read_from(buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'coro::net::udp::peer::read_from' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:3: warning: network I/O 'coro::net::udp::peer::read_from' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
}

// Accept waits for the next client: reported only with CheckAccept.
coro::task<> listen(coro::net::tcp::server &server) {
  auto client = co_await server.accept();
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-1]]:17: warning: network I/O 'coro::net::tcp::server::accept' is awaited with no timeout; a listener that no peer connects to stalls this task forever [async-io-without-timeout]
  co_await server.accept(1s);
}

// Clean: a timeout, written as a literal, a variable or an engaged optional.
coro::task<> bounded(coro::net::tcp::client client, coro::net::tls::client &secure, std::chrono::milliseconds timeout) {
  std::string buffer(256, '\0');
  co_await client.connect(std::chrono::seconds{5});
  co_await client.poll(coro::poll_op::read, 500ms);
  co_await client.read_some(buffer, timeout);
  co_await client.write_all(buffer, std::chrono::milliseconds{250});
  co_await secure.recv(buffer, std::chrono::seconds{30});
  co_await secure.send(buffer, {timeout});
}
