// Declarations with the qualified names of the cancellation APIs of runtimes
// that Debian does not package (folly::coro, cppcoro, stdexec), enough to
// cancel work, give it a token, bound a wait and throw cancellation.
#ifndef ASYNC_LINT_TEST_CANCELLATION_RUNTIMES_H
#define ASYNC_LINT_TEST_CANCELLATION_RUNTIMES_H

#include "demo_task.h"

#include <chrono>
#include <exception>

namespace folly {
class CancellationToken {};
class CancellationSource {
public:
  CancellationToken getToken() const;
  bool requestCancellation() const;
};
class OperationCancelled : public std::exception {};
namespace coro {
class CancellableAsyncScope {
public:
  void requestCancellation() const;
  demo::task<void> joinAsync();
};
template <typename T>
demo::task<T> timeout(demo::task<T> work, std::chrono::milliseconds limit);
template <typename T>
demo::task<T> timeoutNoDiscard(demo::task<T> work,
                               std::chrono::milliseconds limit);
} // namespace coro
} // namespace folly

namespace cppcoro {
class cancellation_token {};
class cancellation_source {
public:
  cancellation_token token() const;
  void request_cancellation();
};
class operation_cancelled : public std::exception {};
} // namespace cppcoro

namespace stdexec {
class inplace_stop_token {};
class inplace_stop_source {
public:
  inplace_stop_token get_token() const;
  bool request_stop();
};
} // namespace stdexec

#endif
