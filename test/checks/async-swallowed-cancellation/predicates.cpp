// A test that tells cancellation from other failures may be a call to a
// visible predicate that returns such a test of its parameter.
// RUN: %check_async %s async-swallowed-cancellation %t

#include <aio/errors.hpp>
#include <aio/task.hpp>

#include <exception>

aio::task<int> fetch();
void log(const char *);

bool is_cancellation(const std::exception &e) {
  return dynamic_cast<const aio::cancelled_error *>(&e) != nullptr;
}

// Calls the first predicate: followed through both.
bool should_propagate(const std::exception &e) { return is_cancellation(e); }

// Tests something else: not a cancellation test.
bool is_fatal(const std::exception &e) { return e.what() == nullptr; }

// Declared only: what it tests is unknown.
bool is_cancellation_elsewhere(const std::exception &e);

// Clean: the predicate tests the cancellation type.
aio::task<void> rethrow_when_predicate_says_so() {
  try {
    co_await fetch();
  } catch (const std::exception &e) {
    if (is_cancellation(e))
      throw;
    log(e.what());
  }
}

aio::task<void> rethrow_unless_predicate_denies() {
  try {
    co_await fetch();
  } catch (const std::exception &e) {
    if (!should_propagate(e)) {
      log(e.what());
      co_return;
    }
    throw;
  }
}

// Clean: a lambda predicate.
aio::task<void> rethrow_by_lambda_predicate() {
  auto cancelled = [](const std::exception &e) {
    return dynamic_cast<const aio::cancelled_error *>(&e) != nullptr;
  };
  try {
    co_await fetch();
  } catch (const std::exception &e) {
    if (cancelled(e))
      throw;
    log(e.what());
  }
}

// The predicate the wrong way round: the other failures are rethrown.
aio::task<void> predicate_inverted() {
  try {
    co_await fetch();
  } catch (const std::exception &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'std::exception', a base of 'aio::cancelled_error', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    if (!is_cancellation(e))
      throw;
    log(e.what());
  }
}

// A predicate that tests something else, or whose body is not visible.
aio::task<void> other_predicate() {
  try {
    co_await fetch();
  } catch (const std::exception &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'std::exception', a base of 'aio::cancelled_error', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    if (is_fatal(e))
      throw;
    log(e.what());
  }
}

aio::task<void> invisible_predicate() {
  try {
    co_await fetch();
  } catch (const std::exception &e) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'std::exception', a base of 'aio::cancelled_error', swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    if (is_cancellation_elsewhere(e))
      throw;
    log(e.what());
  }
}
