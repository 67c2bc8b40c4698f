// clang-tidy's own checks closest to the subject (empty handlers, RAII
// objects held across suspension points, exceptions escaping, coroutine
// lambdas and parameters) say nothing about cleanup awaited after a
// cancellation was caught; this check reports it.
// RUN: %check_async %s async-await-in-cancellation-handler %t
// RUN: %clang-tidy --checks='-*,bugprone-empty-catch,bugprone-exception-escape,misc-coroutine-hostile-raii,cppcoreguidelines-avoid-capturing-lambda-coroutines,cppcoreguidelines-avoid-reference-coroutine-parameters' \
// RUN:   %s -- -std=c++20 -I%runtime_include 2>&1 \
// RUN:   | FileCheck %s --allow-empty --check-prefix=PEERS --implicit-check-not="{{warning|error|note}}:"
// PEERS-NOT: {{warning|error|note}}:

#include <aio/errors.hpp>
#include <aio/task.hpp>

#include <exception>

aio::task<int> fetch();
aio::task<void> flush_log();

aio::task<void> keep_and_rethrow() {
  std::exception_ptr error;
  try {
    co_await fetch();
  } catch (const aio::cancelled_error &) {
    error = std::current_exception();
  }
  co_await flush_log();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaiting 'flush_log' while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: cancellation caught here
  if (error)
    std::rethrow_exception(error);
}

aio::task<void> flag_then_cleanup() {
  bool cancelled = false;
  try {
    co_await fetch();
  } catch (...) {
    cancelled = true;
  }
  if (cancelled) {
    co_await flush_log();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'flush_log' while handling cancellation is neither shielded nor bounded; shield it or bound it with a timeout [async-await-in-cancellation-handler]
    // CHECK-MESSAGES: :[[@LINE-6]]:5: note: cancellation caught here
    throw aio::cancelled_error{};
  }
}
