// A handler that stores the exception (ex = std::current_exception()) does
// not swallow it when every path after the try statement rethrows it
// (std::rethrow_exception(ex)), possibly after cleanup; it does when a path
// finishes, or goes back to await again, without the rethrow.
// RUN: %check_async %s async-swallowed-cancellation %t

#include <aio/errors.hpp>
#include <aio/task.hpp>

#include <exception>

aio::task<int> fetch();
aio::task<void> flush();
void log(const char *);
void release();

// Clean: cleanup, then the stored exception is rethrown.
aio::task<void> stash_cleanup_rethrow() {
  std::exception_ptr ex;
  try {
    co_await fetch();
  } catch (...) {
    ex = std::current_exception();
  }
  release();
  if (ex)
    std::rethrow_exception(ex);
}

// Clean: an awaited cleanup and a branch on the way; `ex != nullptr` is the
// path the stored exception takes.
aio::task<void> stash_await_then_rethrow(bool verbose) {
  std::exception_ptr ex;
  try {
    co_await fetch();
  } catch (const aio::cancelled_error &) {
    ex = std::current_exception();
    log("stopping");
  }
  if (verbose)
    log("flushing");
  co_await flush();
  if (ex != nullptr) {
    release();
    std::rethrow_exception(ex);
  }
}

// Clean: rethrown unconditionally, the stash tested the other way round.
aio::task<void> stash_rethrow_unless_null() {
  std::exception_ptr ex;
  try {
    co_await fetch();
  } catch (const std::exception &) {
    ex = std::current_exception();
  }
  if (!ex)
    co_return;
  std::rethrow_exception(ex);
}

// The stored exception is rethrown on one path only.
aio::task<void> stash_rethrow_on_one_path(bool strict) {
  std::exception_ptr ex;
  try {
    co_await fetch();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    ex = std::current_exception();
  }
  release();
  if (strict && ex)
    std::rethrow_exception(ex);
}

// Stored and never rethrown.
aio::task<void> stash_and_drop() {
  std::exception_ptr ex;
  try {
    co_await fetch();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    ex = std::current_exception();
  }
  log("done");
}

// The loop goes back to await again before the rethrow after it.
aio::task<void> stash_in_loop(int attempts) {
  std::exception_ptr ex;
  for (int i = 0; i < attempts; ++i) {
    try {
      co_await fetch();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: suspension point that can be cancelled is here
      ex = std::current_exception();
    }
  }
  if (ex)
    std::rethrow_exception(ex);
}

// A handler that returns after storing the exception finishes the coroutine.
aio::task<void> stash_then_return(bool quiet) {
  std::exception_ptr ex;
  try {
    co_await fetch();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    ex = std::current_exception();
    if (quiet)
      co_return;
  }
  std::rethrow_exception(ex);
}
