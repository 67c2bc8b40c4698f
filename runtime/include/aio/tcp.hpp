#pragma once

// TCP over IPv4 with non-blocking sockets watched by the loop's epoll.
// Addresses are numeric ("127.0.0.1"): name lookup blocks, so resolve names
// with to_thread first. Put deadlines on reads and connects with wait_for.
// Closing or destroying a stream or listener wakes the task parked in its
// read, write or accept with std::system_error(ECANCELED); operations started
// on a closed one throw std::logic_error.

#include "aio/task.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

namespace aio {

namespace detail {
struct socket_state;
}

class tcp_stream {
public:
  tcp_stream() noexcept;
  tcp_stream(tcp_stream &&) noexcept;
  tcp_stream &operator=(tcp_stream &&) noexcept;
  ~tcp_stream();

  // Throws std::system_error (e.g. connection refused) or
  // std::invalid_argument for a malformed address.
  static task<tcp_stream> connect(std::string_view ip, std::uint16_t port);

  // Reads what is available (at least one byte); 0 means the peer closed,
  // or that `buffer` is empty (returned at once).
  task<std::size_t> read(std::span<std::byte> buffer);
  // Fills `buffer` completely; throws std::runtime_error on early EOF.
  task<> read_exactly(std::span<std::byte> buffer);
  // Writes all of `data`.
  task<> write(std::span<const std::byte> data);
  // Sends FIN: the peer's reads return 0 once it has read everything.
  void shutdown_write();
  void close() noexcept;

  [[nodiscard]] bool is_open() const noexcept;
  [[nodiscard]] std::uint16_t local_port() const;
  [[nodiscard]] std::uint16_t remote_port() const;

private:
  friend class tcp_listener;
  explicit tcp_stream(std::shared_ptr<detail::socket_state> socket) noexcept;
  [[nodiscard]] std::shared_ptr<detail::socket_state> open_socket() const;

  std::shared_ptr<detail::socket_state> socket_;
};

class tcp_listener {
public:
  tcp_listener() noexcept;
  tcp_listener(tcp_listener &&) noexcept;
  tcp_listener &operator=(tcp_listener &&) noexcept;
  ~tcp_listener();

  // Binds and listens at once (neither blocks); port 0 picks a free port.
  // Needs a running loop.
  static tcp_listener bind(std::string_view ip, std::uint16_t port = 0,
                           int backlog = 128);

  task<tcp_stream> accept();
  void close() noexcept;

  [[nodiscard]] bool is_open() const noexcept;
  [[nodiscard]] std::uint16_t port() const;

private:
  std::shared_ptr<detail::socket_state> socket_;
};

} // namespace aio
