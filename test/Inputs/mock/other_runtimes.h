// Declarations with the qualified names of runtimes that Debian does not
// package (cppcoro, libcoro, folly::coro, stdexec), enough to call them.
#ifndef ASYNC_LINT_TEST_OTHER_RUNTIMES_H
#define ASYNC_LINT_TEST_OTHER_RUNTIMES_H

namespace cppcoro {
template <typename Awaitable>
int sync_wait(Awaitable &&);
class io_service {
public:
  unsigned long process_events();
};
} // namespace cppcoro

namespace coro {
template <typename Awaitable>
int sync_wait(Awaitable &&);
} // namespace coro

namespace folly {
namespace coro {
// folly exposes blockingWait as a function object.
struct BlockingWaitFn {
  template <typename Awaitable>
  int operator()(Awaitable &&) const;
};
inline constexpr BlockingWaitFn blockingWait{};
} // namespace coro
class Baton {
public:
  void wait();
};
} // namespace folly

namespace stdexec {
namespace detail {
struct sync_wait_t {
  template <typename Sender>
  int operator()(Sender &&) const;
};
} // namespace detail
inline constexpr detail::sync_wait_t sync_wait{};
} // namespace stdexec

#endif
