#include "aio/tcp.hpp"

#include "aio/detail/waiter.hpp"
#include "aio/event_loop.hpp"
#include "internal.hpp"

#include <cerrno>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace aio {

namespace detail {

// Owns the socket and its epoll registration; heap-allocated so the address
// epoll holds stays put when streams move. Shared by the stream or listener
// and the operations in flight on it, so that closing the socket under a
// parked operation leaves that operation a live object to find closed.
struct socket_state {
  socket_state(int fd, event_loop &loop) : loop(&loop) {
    io.fd = fd;
    loop.watch(io);
  }
  socket_state(const socket_state &) = delete;
  socket_state &operator=(const socket_state &) = delete;
  ~socket_state() { close(); }

  // Wakes the parked reader and writer (they throw ECANCELED), then closes
  // the descriptor. Idempotent.
  void close() noexcept;

  [[nodiscard]] bool closed() const noexcept { return io.fd < 0; }
  [[nodiscard]] int fd() const noexcept { return io.fd; }

  io_registration io;
  event_loop *loop;
};

namespace {

[[noreturn]] void throw_errno(int error, const char *what) {
  throw std::system_error(error, std::generic_category(), what);
}

constexpr const char *accept_operation = "tcp_listener::accept";

// Parks the task until epoll reports the socket readable or writable, or the
// socket is closed (then std::system_error with ECANCELED, as an operation
// aborted by closing its descriptor reports it elsewhere).
class io_awaiter final : public parked_waiter, public io_callback {
public:
  // `operation` names the call in debug reports and errors:
  // "tcp_stream::read", ...
  io_awaiter(socket_state &socket, bool for_write,
             const char *operation) noexcept
      : socket_(&socket), for_write_(for_write), operation_(operation) {}
  ~io_awaiter() {
    if (slot() == this) {
      slot() = nullptr;
      loop_->io_wait_ended();
    }
  }

  [[nodiscard]] bool await_ready() const noexcept { return false; }

  // Awaited only from this file's coroutines, whose promises are task
  // frames: their call site is the user's line of the operation.
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> handle) {
    if (!park(handle)) {
      return false;
    }
    if (slot() != nullptr) {
      throw std::logic_error(for_write_
                                 ? "aio: two tasks writing one socket at once"
                                 : "aio: two tasks reading one socket at once");
    }
    slot() = this;
    loop_->io_wait_started();
    if (loop_->debug()) [[unlikely]] {
      if (operation_ != accept_operation ||
          loop_->options().watch_idle_accept) {
        watch_network_wait(handle.promise(), operation_);
      }
    }
    return true;
  }

  void await_resume() {
    finish();
    // Also when epoll woke us first and the close came before we ran.
    if (socket_->closed()) {
      throw_errno(ECANCELED, (std::string("aio: ") + operation_).c_str());
    }
  }

  void io_ready() noexcept override {
    loop_->io_wait_ended(); // the loop or the socket cleared our slot
    wake();
  }

  void cancel() noexcept override {
    slot() = nullptr;
    loop_->io_wait_ended();
    wake_cancelled();
  }

private:
  io_callback *&slot() noexcept {
    return for_write_ ? socket_->io.writer : socket_->io.reader;
  }

  socket_state *socket_; // kept alive by the operation's coroutine
  bool for_write_;
  const char *operation_;
};

sockaddr_in parse_ipv4(std::string_view ip, std::uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  std::string text(ip);
  if (::inet_pton(AF_INET, text.c_str(), &addr.sin_addr) != 1) {
    throw std::invalid_argument("aio: not a numeric IPv4 address: " + text);
  }
  return addr;
}

std::uint16_t port_of(int fd, bool peer) {
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  int rc = peer ? ::getpeername(fd, reinterpret_cast<sockaddr *>(&addr), &len)
                : ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
  if (rc != 0) {
    throw_errno(errno, peer ? "aio: getpeername" : "aio: getsockname");
  }
  return ntohs(addr.sin_port);
}

int new_socket() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    throw_errno(errno, "aio: socket");
  }
  return fd;
}

std::shared_ptr<socket_state> adopt_socket(int fd) {
  event_loop *loop = event_loop::current();
  if (loop == nullptr) {
    ::close(fd);
    throw std::logic_error("aio: sockets need a running event loop");
  }
  try {
    return std::make_shared<socket_state>(fd, *loop);
  } catch (...) {
    ::close(fd);
    throw;
  }
}

} // namespace

void socket_state::close() noexcept {
  if (closed()) {
    return;
  }
  io_callback *reader = std::exchange(io.reader, nullptr);
  io_callback *writer = std::exchange(io.writer, nullptr);
  {
    runtime_scope scope;
    // A stream or listener may outlive its loop (e.g. returned from
    // run_until_complete). Closing the descriptor drops it from epoll anyway;
    // the explicit removal is only made while the loop is surely alive.
    if (event_loop::current() == loop) {
      loop->unwatch(io);
    }
    ::close(io.fd);
  }
  io.fd = -1;
  // Only io_awaiter parks in these slots; it finds closed() when it resumes.
  for (io_callback *waiter : {reader, writer}) {
    if (waiter != nullptr) {
      waiter->io_ready();
    }
  }
}

} // namespace detail

// --- tcp_stream

tcp_stream::tcp_stream() noexcept = default;
tcp_stream::tcp_stream(tcp_stream &&) noexcept = default;
tcp_stream &tcp_stream::operator=(tcp_stream &&other) noexcept {
  if (this != &other) {
    close();
    socket_ = std::move(other.socket_);
  }
  return *this;
}
// Operations in flight hold the state too: close it, do not just let go.
tcp_stream::~tcp_stream() { close(); }

tcp_stream::tcp_stream(std::shared_ptr<detail::socket_state> socket) noexcept
    : socket_(std::move(socket)) {}

std::shared_ptr<detail::socket_state> tcp_stream::open_socket() const {
  if (!socket_) {
    throw std::logic_error("aio: operation on a closed tcp_stream");
  }
  return socket_;
}

task<tcp_stream> tcp_stream::connect(std::string_view ip, std::uint16_t port) {
  sockaddr_in addr = detail::parse_ipv4(ip, port);
  auto socket = detail::adopt_socket(detail::new_socket());
  int rc = 0;
  {
    detail::runtime_scope scope;
    // The socket is non-blocking: this returns EAGAIN or EINPROGRESS at once
    // and the task waits on epoll. NOLINTNEXTLINE(async-blocking-call)
    rc = ::connect(socket->fd(), reinterpret_cast<sockaddr *>(&addr),
                   sizeof addr);
  }
  if (rc != 0 && errno != EINPROGRESS) {
    detail::throw_errno(errno, "aio: connect");
  }
  if (rc != 0) {
    co_await detail::io_awaiter{*socket, true, "tcp_stream::connect"};
    int error = 0;
    socklen_t len = sizeof error;
    ::getsockopt(socket->fd(), SOL_SOCKET, SO_ERROR, &error, &len);
    if (error != 0) {
      detail::throw_errno(error, "aio: connect");
    }
  }
  int one = 1;
  ::setsockopt(socket->fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  co_return tcp_stream{std::move(socket)};
}

namespace detail {
namespace {

// What is available now: the byte count (0 at end of stream), or nothing
// if the socket has no data yet.
std::optional<std::size_t> receive_available(socket_state &socket,
                                             std::span<std::byte> buffer) {
  for (;;) {
    ssize_t n = 0;
    {
      runtime_scope scope;
      // The socket is non-blocking: this returns EAGAIN or EINPROGRESS at once
      // and the task waits on epoll. NOLINTNEXTLINE(async-blocking-call)
      n = ::recv(socket.fd(), buffer.data(), buffer.size(), 0);
    }
    if (n >= 0) {
      return static_cast<std::size_t>(n);
    }
    if (errno == EINTR) {
      continue;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      throw_errno(errno, "aio: recv");
    }
    return std::nullopt;
  }
}

} // namespace
} // namespace detail

task<std::size_t> tcp_stream::read(std::span<std::byte> buffer) {
  const auto socket = open_socket();
  // recv of 0 bytes says EAGAIN until data arrives and then 0, which would
  // read as end of stream: an empty buffer is done at once instead.
  if (buffer.empty()) {
    co_return 0;
  }
  for (;;) {
    // Non-blocking socket: recv returns at once.
    // NOLINTNEXTLINE(async-blocking-call)
    if (auto n = detail::receive_available(*socket, buffer)) {
      co_return *n;
    }
    co_await detail::io_awaiter{*socket, false, "tcp_stream::read"};
  }
}

task<> tcp_stream::read_exactly(std::span<std::byte> buffer) {
  const auto socket = open_socket();
  std::size_t done = 0;
  while (done < buffer.size()) {
    // Waits in this frame, not in a read() of its own, so that debug
    // reports name the caller's line.
    // Non-blocking socket: recv returns at once.
    // NOLINTNEXTLINE(async-blocking-call)
    auto n = detail::receive_available(*socket, buffer.subspan(done));
    if (!n) {
      co_await detail::io_awaiter{*socket, false, "tcp_stream::read_exactly"};
      continue;
    }
    if (*n == 0) {
      throw std::runtime_error("aio: connection closed after " +
                               std::to_string(done) + " of " +
                               std::to_string(buffer.size()) + " bytes");
    }
    done += *n;
  }
}

task<> tcp_stream::write(std::span<const std::byte> data) {
  const auto socket = open_socket();
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = 0;
    {
      detail::runtime_scope scope;
      // The socket is non-blocking: this returns EAGAIN or EINPROGRESS at once
      // and the task waits on epoll. NOLINTNEXTLINE(async-blocking-call)
      n = ::send(socket->fd(), data.data() + done, data.size() - done,
                 MSG_NOSIGNAL);
    }
    if (n >= 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (errno == EINTR) {
      continue;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      detail::throw_errno(errno, "aio: send");
    }
    co_await detail::io_awaiter{*socket, true, "tcp_stream::write"};
  }
}

void tcp_stream::shutdown_write() {
  if (::shutdown(open_socket()->fd(), SHUT_WR) != 0) {
    detail::throw_errno(errno, "aio: shutdown");
  }
}

void tcp_stream::close() noexcept {
  if (socket_) {
    socket_->close();
    socket_.reset();
  }
}

bool tcp_stream::is_open() const noexcept { return bool(socket_); }

std::uint16_t tcp_stream::local_port() const {
  return detail::port_of(open_socket()->fd(), false);
}

std::uint16_t tcp_stream::remote_port() const {
  return detail::port_of(open_socket()->fd(), true);
}

// --- tcp_listener

tcp_listener::tcp_listener() noexcept = default;
tcp_listener::tcp_listener(tcp_listener &&) noexcept = default;
tcp_listener &tcp_listener::operator=(tcp_listener &&other) noexcept {
  if (this != &other) {
    close();
    socket_ = std::move(other.socket_);
  }
  return *this;
}
tcp_listener::~tcp_listener() { close(); }

tcp_listener tcp_listener::bind(std::string_view ip, std::uint16_t port,
                                int backlog) {
  sockaddr_in addr = detail::parse_ipv4(ip, port);
  tcp_listener listener;
  listener.socket_ = detail::adopt_socket(detail::new_socket());
  int fd = listener.socket_->fd();
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
    detail::throw_errno(errno, "aio: bind");
  }
  if (::listen(fd, backlog) != 0) {
    detail::throw_errno(errno, "aio: listen");
  }
  return listener;
}

task<tcp_stream> tcp_listener::accept() {
  if (!socket_) {
    throw std::logic_error("aio: accept on a closed tcp_listener");
  }
  const auto socket = socket_;
  for (;;) {
    int fd = -1;
    {
      detail::runtime_scope scope;
      // The socket is non-blocking: this returns EAGAIN or EINPROGRESS at once
      // and the task waits on epoll. NOLINTNEXTLINE(async-blocking-call)
      fd = ::accept4(socket->fd(), nullptr, nullptr,
                     SOCK_NONBLOCK | SOCK_CLOEXEC);
    }
    if (fd >= 0) {
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      co_return tcp_stream{detail::adopt_socket(fd)};
    }
    if (errno == EINTR || errno == ECONNABORTED) {
      continue;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      detail::throw_errno(errno, "aio: accept");
    }
    co_await detail::io_awaiter{*socket, false, detail::accept_operation};
  }
}

void tcp_listener::close() noexcept {
  if (socket_) {
    socket_->close();
    socket_.reset();
  }
}

bool tcp_listener::is_open() const noexcept { return bool(socket_); }

std::uint16_t tcp_listener::port() const {
  if (!socket_) {
    throw std::logic_error("aio: port of a closed tcp_listener");
  }
  return detail::port_of(socket_->fd(), false);
}

} // namespace aio
