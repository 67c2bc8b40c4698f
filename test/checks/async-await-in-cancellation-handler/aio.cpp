// aio: cleanup awaited after a handler caught aio::cancelled_error (C++
// allows no co_await in the handler itself, so the handler keeps the
// exception or a flag and the cleanup follows the try statement).
// RUN: %check_async %s async-await-in-cancellation-handler %t

#include <aio/errors.hpp>
#include <aio/shield.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>
#include <aio/task_handle.hpp>
#include <aio/wait_for.hpp>

#include <chrono>
#include <exception>
#include <stdexcept>

using namespace std::chrono_literals;

aio::task<int> fetch();
aio::task<void> flush_log();
aio::task<void> say_goodbye();
void log(const char *);

struct session {
  aio::task<void> run();
  aio::task<void> close();
};

// The "finally" idiom: keep the exception, clean up, rethrow.
aio::task<void> keep_and_rethrow(session &s) {
  std::exception_ptr error;
  try {
    co_await s.run();
  } catch (const aio::cancelled_error &) {
    error = std::current_exception();
  }
  co_await s.close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaiting 'close' while handling cancellation is neither shielded nor bounded; wrap it in 'aio::shield' or 'aio::wait_for' [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: cancellation caught here
  if (error)
    std::rethrow_exception(error);
}

// Catch-all, and cleanup only under the test of what the handler kept.
aio::task<void> catch_all() {
  std::exception_ptr error;
  try {
    co_await fetch();
  } catch (...) {
    error = std::current_exception();
  }
  if (error != nullptr) {
    co_await flush_log();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'flush_log' while handling cancellation is neither shielded nor bounded; wrap it in 'aio::shield' or 'aio::wait_for' [async-await-in-cancellation-handler]
    // CHECK-MESSAGES: :[[@LINE-6]]:5: note: cancellation caught here
    std::rethrow_exception(error);
  }
  // The task was not cancelled on this path.
  co_await flush_log();
}

// std::exception is a base of aio::cancelled_error.
aio::task<void> base_class_flag() {
  bool failed = false;
  try {
    co_await fetch();
  } catch (const std::exception &e) {
    log(e.what());
    failed = true;
  }
  if (failed) {
    co_await say_goodbye();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'say_goodbye' while handling cancellation is neither shielded nor bounded; wrap it in 'aio::shield' or 'aio::wait_for' [async-await-in-cancellation-handler]
    // CHECK-MESSAGES: :[[@LINE-7]]:5: note: cancellation caught here
    co_return;
  }
  co_await flush_log();
}

// A fresh cancellation is thrown after the cleanup.
aio::task<void> throw_new_cancellation() {
  bool cancelled = false;
  try {
    co_await fetch();
  } catch (const aio::cancelled_error &) {
    cancelled = true;
  }
  co_await aio::sleep(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaiting 'sleep' while handling cancellation is neither shielded nor bounded; wrap it in 'aio::shield' or 'aio::wait_for' [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: cancellation caught here
  if (cancelled)
    throw aio::cancelled_error{};
}

// Cleanup in a retry loop; the next attempt is not cleanup.
aio::task<int> retry_loop(int attempts) {
  for (int i = 0; i < attempts; ++i) {
    std::exception_ptr error;
    try {
      co_return co_await fetch();
    } catch (...) {
      error = std::current_exception();
    }
    co_await flush_log();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'flush_log' while handling cancellation is neither shielded nor bounded; wrap it in 'aio::shield' or 'aio::wait_for' [async-await-in-cancellation-handler]
    // CHECK-MESSAGES: :[[@LINE-5]]:7: note: cancellation caught here
    if (i + 1 == attempts)
      std::rethrow_exception(error);
  }
  co_return 0;
}

// Nested try statements: the await after the inner handler is attributed to
// it, once.
aio::task<void> nested_try(session &s) {
  try {
    std::exception_ptr error;
    try {
      co_await s.run();
    } catch (const aio::cancelled_error &) {
      error = std::current_exception();
    }
    co_await s.close();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'close' while handling cancellation is neither shielded nor bounded; wrap it in 'aio::shield' or 'aio::wait_for' [async-await-in-cancellation-handler]
    // CHECK-MESSAGES: :[[@LINE-5]]:7: note: cancellation caught here
    if (error)
      std::rethrow_exception(error);
  } catch (const std::runtime_error &e) {
    log(e.what());
  }
}

// A coroutine lambda is analysed on its own; an awaited lambda is named so.
aio::task<void> lambdas(session &s) {
  auto cleanup = [&]() -> aio::task<void> {
    std::exception_ptr error;
    try {
      co_await s.run();
    } catch (...) {
      error = std::current_exception();
    }
    co_await s.close();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'close' while handling cancellation is neither shielded nor bounded; wrap it in 'aio::shield' or 'aio::wait_for' [async-await-in-cancellation-handler]
    // CHECK-MESSAGES: :[[@LINE-5]]:7: note: cancellation caught here
    if (error)
      std::rethrow_exception(error);
  };
  std::exception_ptr error;
  try {
    co_await cleanup();
  } catch (const aio::cancelled_error &) {
    error = std::current_exception();
  }
  co_await [&]() -> aio::task<void> { co_await s.close(); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaiting a lambda while handling cancellation is neither shielded nor bounded; wrap it in 'aio::shield' or 'aio::wait_for' [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: cancellation caught here
  // A lambda made but not awaited here does not suspend this coroutine.
  auto later = [&]() -> aio::task<void> { co_await s.close(); };
  (void)later;
  if (error)
    std::rethrow_exception(error);
}

// Templates are analysed in their instantiations.
template <class Session>
aio::task<void> generic(Session &s) {
  std::exception_ptr error;
  try {
    co_await s.run();
  } catch (const aio::cancelled_error &) {
    error = std::current_exception();
  }
  co_await s.close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaiting 'close' while handling cancellation is neither shielded nor bounded; wrap it in 'aio::shield' or 'aio::wait_for' [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: cancellation caught here
  if (error)
    std::rethrow_exception(error);
}
template aio::task<void> generic(session &);

// A task handle: awaiting it forwards a new cancellation to the task.
aio::task<void> awaits_handle(aio::task_handle<void> &worker) {
  std::exception_ptr error;
  try {
    co_await fetch();
  } catch (const aio::cancelled_error &) {
    error = std::current_exception();
  }
  worker.cancel();
  co_await worker;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaiting 'worker' while handling cancellation is neither shielded nor bounded; wrap it in 'aio::shield' or 'aio::wait_for' [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: cancellation caught here
  if (error)
    std::rethrow_exception(error);
}

// Cleanup that both handlers lead to runs for the cancellation too.
aio::task<void> cleanup_for_every_failure() {
  std::exception_ptr cancelled;
  bool failed = false;
  try {
    co_await fetch();
  } catch (const aio::cancelled_error &) {
    cancelled = std::current_exception();
  } catch (const std::exception &e) {
    log(e.what());
    failed = true;
  }
  if (failed || cancelled)
    co_await flush_log();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'flush_log' while handling cancellation is neither shielded nor bounded; wrap it in 'aio::shield' or 'aio::wait_for' [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-9]]:5: note: cancellation caught here
  if (cancelled)
    std::rethrow_exception(cancelled);
}

// The flag outlives the attempt: a cancelled attempt after a failed one
// still finds it set.
aio::task<void> flag_kept_across_attempts() {
  bool failed = false;
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::exception_ptr cancelled;
    try {
      co_await fetch();
    } catch (const aio::cancelled_error &) {
      cancelled = std::current_exception();
    } catch (const std::exception &) {
      failed = true;
    }
    if (failed)
      co_await flush_log();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: awaiting 'flush_log' while handling cancellation is neither shielded nor bounded; wrap it in 'aio::shield' or 'aio::wait_for' [async-await-in-cancellation-handler]
    // CHECK-MESSAGES: :[[@LINE-8]]:7: note: cancellation caught here
    if (cancelled)
      std::rethrow_exception(cancelled);
  }
}

// A flag that code after the try statement sets is no longer the other
// handler's alone.
aio::task<void> flag_set_after_the_try(bool retry) {
  std::exception_ptr cancelled;
  bool failed = false;
  try {
    co_await fetch();
  } catch (const aio::cancelled_error &) {
    cancelled = std::current_exception();
  } catch (const std::exception &) {
    failed = true;
  }
  if (retry)
    failed = true;
  if (failed)
    co_await flush_log();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'flush_log' while handling cancellation is neither shielded nor bounded; wrap it in 'aio::shield' or 'aio::wait_for' [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-10]]:5: note: cancellation caught here
  if (cancelled)
    std::rethrow_exception(cancelled);
}

aio::task<void> suppressed(session &s) {
  std::exception_ptr error;
  try {
    co_await s.run();
  } catch (const aio::cancelled_error &) {
    error = std::current_exception();
  }
  co_await s.close(); // NOLINT(async-await-in-cancellation-handler)
  if (error)
    std::rethrow_exception(error);
}

// --- Clean code ---------------------------------------------------------

// Shielded, bounded, or both; also through a local.
aio::task<void> protected_cleanup(session &s) {
  std::exception_ptr error;
  try {
    co_await s.run();
  } catch (const aio::cancelled_error &) {
    error = std::current_exception();
  }
  co_await aio::shield(s.close());
  co_await aio::wait_for(flush_log(), 1s);
  co_await aio::shield(aio::wait_for(say_goodbye(), 500ms));
  auto shielded = aio::shield(flush_log());
  co_await std::move(shielded);
  if (error)
    std::rethrow_exception(error);
}

// std::runtime_error is not a base of aio::cancelled_error.
aio::task<void> other_failures() {
  bool failed = false;
  try {
    co_await fetch();
  } catch (const std::runtime_error &e) {
    log(e.what());
    failed = true;
  }
  if (failed)
    co_await flush_log();
}

// The handler rethrows: the await after the try is not on its path.
aio::task<void> rethrown_at_once() {
  try {
    co_await fetch();
  } catch (const aio::cancelled_error &) {
    log("cancelled");
    throw;
  }
  co_await flush_log();
}

// An earlier handler takes the cancellation; the later one sees the rest.
aio::task<void> cancellation_taken_first() {
  bool failed = false;
  try {
    co_await fetch();
  } catch (const aio::cancelled_error &) {
    throw;
  } catch (...) {
    failed = true;
  }
  if (failed)
    co_await flush_log();
}

// The handler swallows the cancellation and the loop goes on: that is
// async-swallowed-cancellation's finding, not cleanup.
aio::task<void> swallowing_loop() {
  for (;;) {
    try {
      co_await fetch();
    } catch (const std::exception &e) {
      log(e.what());
    }
    co_await flush_log();
  }
}

// The cleanup runs only for other failures: `failed` is set by the other
// handler alone, and is still false on the path of the cancellation.
aio::task<void> cleanup_for_other_failures() {
  std::exception_ptr cancelled;
  bool failed = false;
  try {
    co_await fetch();
  } catch (const aio::cancelled_error &) {
    cancelled = std::current_exception();
  } catch (const std::exception &e) {
    log(e.what());
    failed = true;
  }
  if (failed)
    co_await flush_log();
  if (cancelled)
    std::rethrow_exception(cancelled);
}

// The same with what the catch-all kept, tested against nullptr.
aio::task<void> other_failure_kept() {
  bool cancelled = false;
  std::exception_ptr other;
  try {
    co_await fetch();
  } catch (const aio::cancelled_error &) {
    cancelled = true;
  } catch (...) {
    other = std::current_exception();
  }
  if (other != nullptr)
    co_await flush_log();
  if (cancelled)
    throw aio::cancelled_error{};
  if (other)
    std::rethrow_exception(other);
}

// Cleanup before the try block is not after a cancellation.
aio::task<void> no_suspension_in_try() {
  bool failed = false;
  try {
    log("nothing to cancel");
  } catch (...) {
    failed = true;
  }
  if (failed)
    co_await flush_log();
}
