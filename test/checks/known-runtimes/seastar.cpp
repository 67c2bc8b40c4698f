// Seastar is known without configuration (rules/profiles/seastar.yaml):
// every check it feeds, on the runtime's own idioms, reported and clean.
// RUN: %check_async %s 'async-*' %t
// Awaiting accept with no timeout is reported once CheckAccept is on.
// RUN: %check_async --check-suffix=ACCEPT --config="{CheckOptions: { \
// RUN:   async-io-without-timeout.CheckAccept: 'true'}}" \
// RUN:   %s async-io-without-timeout %t.accept

#include "mock/seastar.h"

#include <chrono>
#include <exception>
#include <mutex>
#include <utility>
#include <vector>

seastar::future<int> fetch(int id);
seastar::future<> serve(int id);
seastar::future<> flush_log();
void log(const char *message);

using namespace std::chrono_literals;

// async-blocking-call: get() waits only inside a seastar::thread, and
// running the reactor again from a coroutine blocks the shard.
seastar::future<int> blocking(seastar::app_template &app, int argc,
                              char **argv) {
  int value = fetch(1).get();
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: call to 'seastar::future::get' blocks the event loop thread in coroutine 'blocking' (synchronous wait); co_await the future; get() and wait() may only wait inside a seastar::thread (seastar::async) [async-blocking-call]
  app.run(argc, argv, [] { return fetch(2); });
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to 'seastar::app_template::run' blocks the event loop thread in coroutine 'blocking' (event-loop re-entry); co_await the future instead of running the reactor again [async-blocking-call]
  seastar::engine().run();
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: call to 'seastar::reactor::run' blocks the event loop thread in coroutine 'blocking' (event-loop re-entry); co_await the future instead of running the reactor again [async-blocking-call]
  co_return value;
}

// Clean: awaited in the coroutine; main runs the reactor once.
seastar::future<int> awaiting() { co_return co_await fetch(1); }

int main_like(int argc, char **argv) {
  seastar::app_template app;
  return app.run(argc, argv, [] { return fetch(1); });
}

// async-io-without-timeout: connect waits for a silent peer forever;
// with_timeout bounds it.
seastar::future<> dial(seastar::socket_address peer,
                       seastar::server_socket &listener) {
  seastar::connected_socket socket = co_await seastar::connect(peer);
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: network I/O 'seastar::connect' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:38: warning: network I/O 'seastar::connect' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  seastar::connected_socket bounded = co_await seastar::with_timeout(
      std::chrono::steady_clock::now() + 5s, seastar::connect(peer));
  seastar::accept_result client = co_await listener.accept();
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-1]]:35: warning: network I/O 'seastar::server_socket::accept' is awaited with no timeout; a listener that no peer connects to stalls this task forever [async-io-without-timeout]
}

// async-swallowed-cancellation: an aborted sleep throws sleep_aborted.
seastar::future<> pause(seastar::abort_source &as) {
  try {
    co_await seastar::sleep_abortable(std::chrono::steady_clock::duration(1s), as);
  } catch (const seastar::sleep_aborted &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'seastar::sleep_aborted' swallows cancellation: it can finish without rethrowing [async-swallowed-cancellation]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: suspension point that can be cancelled is here
    log("woken early");
  }
}

// Clean: the abort goes on.
seastar::future<> pause_rethrown(seastar::abort_source &as) {
  try {
    co_await seastar::sleep_abortable(std::chrono::steady_clock::duration(1s), as);
  } catch (const seastar::abort_requested_exception &) {
    log("aborted");
    throw;
  }
}

// async-await-in-cancellation-handler: cleanup after an abort, unbounded and
// bounded by with_timeout.
seastar::future<> cleanup(seastar::abort_source &as) {
  std::exception_ptr aborted;
  try {
    co_await serve(1);
  } catch (const seastar::abort_requested_exception &) {
    aborted = std::current_exception();
  }
  if (aborted) {
    co_await flush_log();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'flush_log' while handling cancellation is neither shielded nor bounded; shield it or bound it with 'seastar::with_timeout' [async-await-in-cancellation-handler]
    // CHECK-MESSAGES: :[[@LINE-6]]:5: note: cancellation caught here
    co_await seastar::with_timeout(std::chrono::steady_clock::now() + 1s,
                                   flush_log());
    std::rethrow_exception(aborted);
  }
}

// async-unbounded-gather: parallel_for_each over the input starts every
// element at once; so does a gated fiber per element.
seastar::future<> serve_all(seastar::gate &g, std::vector<int> ids) {
  co_await seastar::parallel_for_each(ids, [](int id) { return serve(id); });
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'seastar::parallel_for_each' runs a task for every element of a range whose size comes from input, all at once; bound the concurrency with a semaphore or gather in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-3]]:64: note: 'ids' comes from the caller
  for (int id : ids)
    (void)seastar::with_gate(g, [id] { return serve(id); });
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'seastar::with_gate' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-7]]:64: note: 'ids' comes from the caller
  co_await g.close();
}

// Clean: max_concurrent_for_each runs at most 8; a semaphore unit is awaited
// in the loop; the gate's fibers are tracked, not detached.
seastar::future<> serve_limited(seastar::gate &g, seastar::semaphore &slots,
                                std::vector<int> ids) {
  co_await seastar::max_concurrent_for_each(ids, 8,
                                            [](int id) { return serve(id); });
  for (int id : ids) {
    co_await slots.wait(1);
    (void)seastar::with_gate(g, [id] { return serve(id); });
  }
  co_await g.close();
}

// Clean (async-lock-across-suspension): a shared_mutex is locked by
// awaiting; the guard that adopts it is held across awaits on purpose.
seastar::future<int> locked(seastar::shared_mutex &mutex) {
  co_await mutex.lock();
  std::unique_lock<seastar::shared_mutex> guard(mutex, std::adopt_lock);
  co_return co_await fetch(1);
}
