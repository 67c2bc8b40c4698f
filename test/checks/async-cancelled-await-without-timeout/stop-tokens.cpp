// Work given a token of a stop source is cancelled with the source: std,
// stdexec, folly and cppcoro; and folly's cancellable scope.
// RUN: %check_async %s async-cancelled-await-without-timeout %t

#include "demo_task.h"
#include "mock/cancellation_runtimes.h"

#include <chrono>
#include <stop_token>
#include <utility>

using namespace std::chrono_literals;

demo::task<int> serve(std::stop_token stop);
demo::task<int> serve_inplace(stdexec::inplace_stop_token stop);
demo::task<int> fetch(folly::CancellationToken token);
demo::task<int> download(cppcoro::cancellation_token token);
demo::task<int> unrelated();

demo::task<int> std_stop_source() {
  std::stop_source stop;
  auto work = serve(stop.get_token());
  stop.request_stop();
  co_return co_await work;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'work' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: cancelled here through 'stop'
}

// The token passes through a variable first.
demo::task<int> token_variable() {
  std::stop_source stop;
  std::stop_token token = stop.get_token();
  auto work = serve(token);
  stop.request_stop();
  int result = co_await work;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'work' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: cancelled here through 'stop'
  co_return result;
}

demo::task<int> stdexec_inplace_stop_source() {
  stdexec::inplace_stop_source stop;
  auto work = serve_inplace(stop.get_token());
  stop.request_stop();
  co_return co_await work;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'work' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: cancelled here through 'stop'
}

demo::task<int> folly_cancellation_source() {
  folly::CancellationSource source;
  auto work = fetch(source.getToken());
  source.requestCancellation();
  co_return co_await std::move(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'work' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: cancelled here through 'source'
}

demo::task<int> cppcoro_cancellation_source() {
  cppcoro::cancellation_source source;
  auto work = download(source.token());
  source.request_cancellation();
  co_return co_await work;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'work' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: cancelled here through 'source'
}

demo::task<void> folly_scope(folly::coro::CancellableAsyncScope &scope) {
  scope.requestCancellation();
  co_await scope.joinAsync();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'scope' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: cancelled here
}

// Clean: folly's timeout bounds the wait.
demo::task<int> folly_bounded() {
  folly::CancellationSource source;
  auto work = fetch(source.getToken());
  source.requestCancellation();
  co_return co_await folly::coro::timeout(std::move(work), 100ms);
}

// Clean: the awaited work never got the token.
demo::task<int> not_given_the_token() {
  std::stop_source stop;
  auto work = serve(stop.get_token());
  auto other = unrelated();
  stop.request_stop();
  int a = co_await other;
  co_return a;
}

// Clean: the stop request comes after the await.
demo::task<int> stop_after_await() {
  std::stop_source stop;
  auto work = serve(stop.get_token());
  int a = co_await work;
  stop.request_stop();
  co_return a;
}

// Clean: the stop request returns before the await.
demo::task<int> stop_and_leave(bool abandon) {
  std::stop_source stop;
  auto work = serve(stop.get_token());
  if (abandon) {
    stop.request_stop();
    co_return -1;
  }
  co_return co_await work;
}
