// folly::coro and cppcoro: their cancellation types, and folly's timeout
// wrappers as the bound.
// RUN: %check_async %s async-await-in-cancellation-handler %t

#include "demo_task.h"
#include "mock/cancellation_runtimes.h"

#include <chrono>
#include <exception>

demo::task<int> fetch();
demo::task<void> flush_log();

// Scheduler hops: awaiting one only resumes the coroutine on another thread.
namespace cppcoro {
class static_thread_pool {
public:
  demo::ready schedule();
};
} // namespace cppcoro
namespace coro {
template <typename T = void>
struct task : demo::ready {};
class thread_pool {
public:
  demo::ready schedule();
  demo::task<void> schedule(task<void> work);
};
} // namespace coro

demo::task<void> folly_cancelled() {
  std::exception_ptr error;
  try {
    co_await fetch();
  } catch (const folly::OperationCancelled &) {
    error = std::current_exception();
  }
  co_await flush_log();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaiting 'flush_log' while handling cancellation is neither shielded nor bounded; shield it or bound it with 'folly::coro::timeout' [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: cancellation caught here
  co_await folly::coro::timeout(flush_log(), std::chrono::milliseconds(100));
  if (error)
    std::rethrow_exception(error);
}

demo::task<void> cppcoro_cancelled() {
  bool cancelled = false;
  try {
    co_await fetch();
  } catch (cppcoro::operation_cancelled &) {
    cancelled = true;
  }
  if (cancelled)
    co_await flush_log();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'flush_log' while handling cancellation is neither shielded nor bounded; shield it or bound it with 'folly::coro::timeout' [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: cancellation caught here
}

// Work given to the pool to run is cleanup all the same.
demo::task<void> work_scheduled(coro::thread_pool &pool) {
  std::exception_ptr error;
  try {
    co_await fetch();
  } catch (...) {
    error = std::current_exception();
  }
  co_await pool.schedule(coro::task<>{});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaiting 'schedule' while handling cancellation is neither shielded nor bounded; shield it or bound it with 'folly::coro::timeout' [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: cancellation caught here
  if (error)
    std::rethrow_exception(error);
}

// --- Clean code ---------------------------------------------------------

// Going back to the pool's thread before rethrowing is no cleanup.
demo::task<void> resumed_on_pool(cppcoro::static_thread_pool &pool) {
  std::exception_ptr error;
  try {
    co_await fetch();
  } catch (...) {
    error = std::current_exception();
  }
  co_await pool.schedule();
  if (error)
    std::rethrow_exception(error);
}

demo::task<void> hop_then_rethrow(coro::thread_pool &pool) {
  try {
    co_await fetch();
  } catch (cppcoro::operation_cancelled &) {
    std::exception_ptr error = std::current_exception();
    (void)error;
  }
  co_await pool.schedule();
  throw cppcoro::operation_cancelled{};
}
