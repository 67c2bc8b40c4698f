// Handlers that catch aio::cancelled_error (directly, through its base
// std::exception, or catch-all) around a suspension point and can finish
// without rethrowing it.
// RUN: %check_async %s async-swallowed-cancellation %t

#include <aio/errors.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>
#include <aio/wait_for.hpp>

#include <chrono>

#include <exception>
#include <stdexcept>

aio::task<int> fetch();
void log(const char *);
[[noreturn]] void fail_fast();

aio::task<void> catch_all() {
  try {
    co_await fetch();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    log("failed");
  }
}

aio::task<void> catch_cancellation() {
  try {
    int value = co_await fetch();
    (void)value;
  } catch (const aio::cancelled_error &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'aio::cancelled_error' swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-4]]:17: note: suspension point that can be cancelled is here
  }
}

aio::task<void> catch_base(int attempts) {
  for (int i = 0; i < attempts; ++i) {
    try {
      co_await fetch();
    } catch (const std::exception &e) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler of 'std::exception', a base of 'aio::cancelled_error', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: suspension point that can be cancelled is here
      log(e.what());
    }
  }
}

// aio::cancelled_error derives from std::exception on purpose, so the usual
// catch-everything-that-is-an-error around aio's own suspension points
// (wait_for, sleep) catches cancellation as well.
aio::task<void> retry_with_timeout() {
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      co_await aio::wait_for(fetch(), std::chrono::seconds(5));
      co_return;
    } catch (const std::exception &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler of 'std::exception', a base of 'aio::cancelled_error', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
      // CHECK-MESSAGES: :[[@LINE-4]]:7: note: suspension point that can be cancelled is here
      log("retrying");
    }
  }
}

aio::task<void> pause_between_polls() {
  try {
    co_await aio::sleep(std::chrono::seconds(1));
  } catch (const std::exception &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'std::exception', a base of 'aio::cancelled_error', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    log(e.what());
  }
}

// Clean twin: cancellation goes on, the other failures are handled.
aio::task<void> retry_with_timeout_rethrowing_cancellation() {
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      co_await aio::wait_for(fetch(), std::chrono::seconds(5));
      co_return;
    } catch (const aio::cancelled_error &) {
      throw;
    } catch (const std::exception &) {
      log("retrying");
    }
  }
}

// A co_return after logging finishes the coroutine normally.
aio::task<int> co_return_in_handler() {
  try {
    co_return co_await fetch();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:15: note: suspension point that can be cancelled is here
    log("failed");
    co_return -1;
  }
}

// Rethrows on one path only.
aio::task<void> rethrows_on_one_path(bool strict) {
  try {
    co_await fetch();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    if (strict)
      throw;
    log("ignored");
  }
}

// A break leaves the handler as well.
aio::task<void> break_out_of_loop() {
  for (;;) {
    try {
      co_await fetch();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: catch-all handler swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: suspension point that can be cancelled is here
      break;
    }
  }
}

// Clean: every path rethrows.
aio::task<void> rethrows() {
  try {
    co_await fetch();
  } catch (...) {
    log("failed");
    throw;
  }
}

aio::task<void> rethrows_on_every_branch(bool verbose) {
  try {
    co_await fetch();
  } catch (const std::exception &e) {
    if (verbose) {
      log(e.what());
      throw;
    } else {
      std::rethrow_exception(std::current_exception());
    }
  }
}

// Clean: throws a cancellation again, or ends the program.
aio::task<void> throws_cancellation() {
  try {
    co_await fetch();
  } catch (const aio::cancelled_error &) {
    throw aio::cancelled_error{};
  }
}

aio::task<void> never_returns() {
  try {
    co_await fetch();
  } catch (...) {
    fail_fast();
  }
}

// Clean: cancellation is rethrown first, the rest is handled.
aio::task<void> rethrow_cancellation_handle_rest() {
  try {
    co_await fetch();
  } catch (const aio::cancelled_error &) {
    throw;
  } catch (const std::exception &e) {
    log(e.what());
  } catch (...) {
    log("unknown failure");
  }
}

aio::task<void> tested_with_dynamic_cast() {
  try {
    co_await fetch();
  } catch (const std::exception &e) {
    if (dynamic_cast<const aio::cancelled_error *>(&e))
      throw;
    log(e.what());
  }
}

aio::task<void> dynamic_cast_compared_with_nullptr() {
  try {
    co_await fetch();
  } catch (const std::exception &e) {
    if (dynamic_cast<const aio::cancelled_error *>(&e) != nullptr)
      throw;
    log(e.what());
  }
}

aio::task<void> dynamic_cast_equal_to_nullptr_else_rethrow() {
  try {
    co_await fetch();
  } catch (const std::exception &e) {
    if (dynamic_cast<const aio::cancelled_error *>(&e) == nullptr)
      log(e.what());
    else
      throw;
  }
}

// The test the wrong way round: the other failures are rethrown.
aio::task<void> dynamic_cast_equal_to_nullptr_rethrows_the_rest() {
  try {
    co_await fetch();
  } catch (const std::exception &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'std::exception', a base of 'aio::cancelled_error', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    if (dynamic_cast<const aio::cancelled_error *>(&e) == nullptr)
      throw;
    log(e.what());
  }
}

// Clean: std::runtime_error is not a base of aio::cancelled_error.
aio::task<void> catch_runtime_error() {
  try {
    co_await fetch();
  } catch (const std::runtime_error &e) {
    log(e.what());
  }
}

// Clean: nothing in the try block can be cancelled.
aio::task<void> no_suspension_point() {
  try {
    log("synchronous");
  } catch (...) {
    log("failed");
  }
  co_await fetch();
}

// Clean: the suspension point is in a lambda, which is a function of its own.
aio::task<void> suspension_in_lambda() {
  try {
    auto later = []() -> aio::task<int> { co_return co_await fetch(); };
    (void)later;
  } catch (...) {
    log("failed");
  }
  co_return;
}

// Clean: not a coroutine.
void plain_function() {
  try {
    log("synchronous");
  } catch (...) {
  }
}

// A template is analysed in its instantiations; each finding is reported once.
template <class T>
aio::task<T> swallow_template() {
  try {
    co_return static_cast<T>(co_await fetch());
  } catch (const std::exception &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'std::exception', a base of 'aio::cancelled_error', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:30: note: suspension point that can be cancelled is here
  }
  co_return T{};
}
template aio::task<int> swallow_template<int>();
template aio::task<long> swallow_template<long>();

// Clean: catching a cancelled child's cancellation on purpose, said so.
aio::task<void> child_cancellation_expected(aio::task<int> child) {
  try {
    co_await child;
  } catch (const aio::cancelled_error &) { // NOLINT(async-swallowed-cancellation)
    log("child cancelled");
  }
}
