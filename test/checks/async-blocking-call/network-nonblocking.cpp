// A socket call on a descriptor that the same code made non-blocking returns
// at once (EAGAIN) instead of waiting; so does writing one counter to an
// eventfd or a pipe to wake a loop up. The same calls on a descriptor nothing
// here made non-blocking wait.
// RUN: %check_async %s async-blocking-call %t -- -I%S/Inputs

#include "demo_task.h"
#include "libcoro_socket.h"

#include <cerrno>
#include <cstdint>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

// Stands for the runtime's readiness wait (epoll, io_uring poll).
demo::task<> readable(int fd);
demo::task<> writable(int fd);

// Clean: created non-blocking, and the would-block case awaits readiness.
demo::task<long> fetch(const sockaddr *address, socklen_t length, char *buffer) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (connect(fd, address, length) < 0 && errno == EINPROGRESS)
    co_await writable(fd);
  send(fd, "GET /\r\n", 7, MSG_NOSIGNAL);
  for (;;) {
    long n = recv(fd, buffer, 512, 0);
    if (n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
      co_return n;
    co_await readable(fd);
  }
}

// Clean: a descriptor received as a parameter and made non-blocking here;
// a connection accepted non-blocking from a non-blocking listener.
demo::task<> echo(int fd, int listener) {
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  char buffer[64];
  long n = read(fd, buffer, sizeof buffer);
  if (n > 0)
    write(fd, buffer, static_cast<size_t>(n));
  int flags = fcntl(listener, F_GETFL);
  if (fcntl(listener, F_SETFL, flags | O_NONBLOCK) < 0)
    co_return;
  co_await readable(listener);
  int client = accept4(listener, nullptr, nullptr, SOCK_NONBLOCK);
  recv(client, buffer, sizeof buffer, 0);
}

// Reported: nothing here makes these descriptors non-blocking, or the flag
// is cleared.
demo::task<long> fetch_blocking(const sockaddr *address, socklen_t length, char *buffer) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  connect(fd, address, length);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'connect' blocks the event loop thread in coroutine 'fetch_blocking' (network I/O)
  int flags = fcntl(fd, F_GETFL);
  fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  co_await writable(fd);
  co_return recv(fd, buffer, 512, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: call to 'recv' blocks the event loop thread in coroutine 'fetch_blocking' (network I/O)
}

demo::task<> echo_blocking(int fd, int listener, int other) {
  fcntl(other, F_SETFL, O_NONBLOCK);
  char buffer[64];
  read(fd, buffer, sizeof buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'read' blocks the event loop thread in coroutine 'echo_blocking' (file I/O)
  int client = accept4(listener, nullptr, nullptr, SOCK_NONBLOCK);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: call to 'accept4' blocks the event loop thread in coroutine 'echo_blocking' (network I/O)
  co_await readable(client);
}

// Members: made non-blocking by the class's own visible code.
class connection {
public:
  explicit connection(int fd) : m_fd(fd) { fcntl(m_fd, F_SETFL, O_NONBLOCK); }
  demo::task<long> receive(char *buffer, size_t size) {
    long n = ::recv(m_fd, buffer, size, 0);
    if (n < 0 && errno == EAGAIN) {
      co_await readable(m_fd);
      n = ::recv(m_fd, buffer, size, 0);
    }
    co_return n;
  }

private:
  int m_fd;
};

class client {
public:
  client(int domain)
      : m_socket(coro::net::make_socket({SOCK_STREAM, coro::net::socket::blocking_t::no}, domain)) {}
  client(coro::net::socket accepted) : m_socket(accepted) {
    m_socket.blocking(coro::net::socket::blocking_t::no);
  }
  demo::task<bool> connect(const sockaddr *address, socklen_t length);
  long send_now(const char *data, size_t size) {
    return ::send(m_socket.native_handle(), data, size, 0);
  }

private:
  coro::net::socket m_socket;
};

demo::task<bool> client::connect(const sockaddr *address, socklen_t length) {
  if (::connect(m_socket.native_handle(), address, length) == 0)
    co_return true;
  if (errno != EINPROGRESS)
    co_return false;
  co_await writable(m_socket.native_handle());
  co_return send_now("hello", 5) == 5;
}

// Reported: a member that no code of its class makes non-blocking.
class blocking_connection {
public:
  explicit blocking_connection(int fd) : m_fd(fd) {}
  demo::task<long> receive(char *buffer, size_t size) {
    co_await readable(m_fd);
    co_return ::recv(m_fd, buffer, size, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: call to 'recv' blocks the event loop thread in coroutine 'receive' (network I/O)
  }
  long send_now(const char *data, size_t size) {
    return ::send(m_fd, data, size, 0);
  }
  demo::task<> greet() {
    co_await writable(m_fd);
    send_now("hello", 5);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'blocking_connection::send_now' blocks the event loop thread in coroutine 'greet': it calls 'send' (network I/O)
    // CHECK-MESSAGES: :[[@LINE-6]]:12: note: 'blocking_connection::send_now' calls 'send' here
  }

private:
  int m_fd;
};

// Members of another object: its class's constructor made them non-blocking,
// or not.
struct channel {
  int fds[2] = {-1, -1};
  channel() { socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds); }
};
struct blocking_channel {
  int fds[2] = {-1, -1};
  blocking_channel() { socketpair(AF_UNIX, SOCK_STREAM, 0, fds); }
};

demo::task<long> exchange(channel &link, blocking_channel &other, char *buffer) {
  co_await writable(link.fds[0]);
  send(link.fds[0], "ping", 4, 0);
  recv(other.fds[0], buffer, 4, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'recv' blocks the event loop thread in coroutine 'exchange' (network I/O)
  co_return recv(link.fds[0], buffer, 4, 0);
}

// Clean: one counter written to an eventfd or a pipe wakes a loop up.
demo::task<> wake(int event_fd, int pipe_fd) {
  co_await demo::ready{};
  std::uint64_t one = 1;
  write(event_fd, &one, sizeof one);
  const char byte = 0;
  ::write(pipe_fd, &byte, 1);
  int value = 1;
  write(pipe_fd, reinterpret_cast<const void *>(&value), sizeof(value));
}

// Reported: a buffer, or more than one integer.
demo::task<> log_line(int fd, const char *line, size_t size) {
  co_await demo::ready{};
  write(fd, line, size);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'write' blocks the event loop thread in coroutine 'log_line' (file I/O)
  std::uint64_t counters[4] = {};
  write(fd, &counters, sizeof counters);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'write' blocks the event loop thread in coroutine 'log_line' (file I/O)
  std::uint64_t one = 1;
  read(fd, &one, sizeof one);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'read' blocks the event loop thread in coroutine 'log_line' (file I/O)
}
