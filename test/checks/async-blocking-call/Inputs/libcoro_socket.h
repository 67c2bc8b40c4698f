// libcoro's socket wrapper: its non-blocking option is an enumerator that the
// libcoro profile names.
#ifndef ASYNC_LINT_TEST_LIBCORO_SOCKET_H
#define ASYNC_LINT_TEST_LIBCORO_SOCKET_H

namespace coro::net {
class socket {
public:
  enum class blocking_t { yes,
                          no };
  struct options {
    int type;
    blocking_t blocking;
  };
  explicit socket(int fd = -1) : m_fd(fd) {}
  bool blocking(blocking_t block);
  int native_handle() const { return m_fd; }

private:
  int m_fd;
};
socket make_socket(const socket::options &opts, int domain);
} // namespace coro::net

#endif
