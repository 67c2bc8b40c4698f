// Event loops that a coroutine must not run: cppcoro's io_service and
// libcoro's scheduler (in manual mode the user drives it), with their
// sync_wait and when_all.
#ifndef ASYNC_LINT_TEST_LOOP_RUNTIMES_H
#define ASYNC_LINT_TEST_LOOP_RUNTIMES_H

#include "demo_task.h"

#include <chrono>

namespace cppcoro {
template <typename Awaitable>
int sync_wait(Awaitable &&);
template <typename... Awaitables>
demo::task<> when_all_ready(Awaitables &&...);
class io_service {
public:
  unsigned long process_events();
  void stop();
  demo::task<> schedule();
};
} // namespace cppcoro

namespace coro {
template <typename Awaitable>
int sync_wait(Awaitable &&);
template <typename... Awaitables>
demo::task<> when_all(Awaitables &&...);
class scheduler {
public:
  std::size_t process_events(std::chrono::milliseconds timeout =
                                 std::chrono::milliseconds{0});
  demo::task<> schedule();
};
} // namespace coro

#endif
