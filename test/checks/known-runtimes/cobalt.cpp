// Boost.Cobalt is known without configuration (rules/profiles/cobalt.yaml):
// every check it feeds, on the runtime's own idioms, reported and clean.
// Boost 1.81 predates Cobalt, so mock/cobalt.h declares its names.
// RUN: %check_async %s 'async-*' %t

#include "mock/cobalt.h"

#include <boost/system/system_error.hpp>

#include <chrono>
#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace cobalt = boost::cobalt;

cobalt::promise<int> fetch(int id);
cobalt::task<int> compute(int id);
cobalt::promise<void> lookup(const std::string &key);
cobalt::promise<void> flush_log();
void log(const char *message);

// async-detached-task: a detached promise, a spawn whose handler ignores
// the exception or drops it with asio's detached token, and a coroutine
// returning cobalt::detached all run with nobody to see their failure.
cobalt::detached fire_and_forget(int id);

cobalt::promise<void> detaching(boost::asio::io_context &ctx) {
  cobalt::promise<int> p = fetch(1);
  p.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'boost::cobalt::promise::detach' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  cobalt::spawn(ctx, compute(2), boost::asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::cobalt::spawn' with completion token 'boost::asio::detached' detaches the coroutine; nobody sees its failure [async-detached-task]
  cobalt::spawn(ctx, compute(3), [](std::exception_ptr, int) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: completion handler of 'boost::cobalt::spawn' ignores the exception; nobody sees the coroutine's failure [async-detached-task]
  // CHECK-MESSAGES: :[[@LINE-2]]:34: note: the handler never reads its std::exception_ptr parameter
  fire_and_forget(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'fire_and_forget' is discarded; nobody awaits the work it started or sees its failure [async-detached-task]
  co_return;
}

// Clean: the promise is awaited, the handler rethrows.
cobalt::promise<int> owned(boost::asio::io_context &ctx) {
  cobalt::spawn(ctx, compute(3), [](std::exception_ptr error, int) {
    if (error)
      std::rethrow_exception(error);
  });
  cobalt::promise<int> p = fetch(1);
  co_return co_await p;
}

// async-missing-co-await: a task runs nothing until awaited or spawned.
cobalt::promise<void> forgotten() {
  compute(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'compute' is discarded; the task is lazy and never runs [async-missing-co-await]
  // A promise is eager: dropped, it has started with nobody to see its end.
  fetch(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: eager task returned by 'fetch' is discarded; it runs on with nobody awaiting it or seeing its failure [async-detached-task]
  co_await compute(2);
}

// async-blocking-call: cobalt::run runs an io_context inside the running one.
cobalt::promise<int> nested() {
  int value = cobalt::run(compute(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: call to 'boost::cobalt::run' blocks the event loop thread in coroutine 'nested' (event-loop re-entry); co_await the task or promise instead of cobalt::run, which runs its own io_context until the task ends [async-blocking-call]
  co_return value;
}

// Clean: main runs the task once.
int main_like() { return cobalt::run(compute(1)); }

// async-dangling-reference: the wait_group owns the promise, which outlives
// the temporary bound to its reference parameter.
cobalt::promise<void> grouped(cobalt::wait_group &group) {
  group.push_back(lookup(std::string("config")));
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: a temporary is bound to reference parameter 'key' of 'lookup', but the task outlives it: the temporary is destroyed at the end of the full expression [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-58]]:49: note: reference parameter 'key' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the task is spawned into 'group' here
  co_await lookup(std::string("config"));
}

// async-cancelled-await-without-timeout: waiting for cancelled work with no
// bound; a race against io::sleep bounds it.
cobalt::promise<void> stop(cobalt::wait_group &group, cobalt::promise<int> &p) {
  group.cancel();
  co_await group.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'group' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: cancelled here
  p.cancel();
  co_await p;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is awaited after being cancelled, with no timeout; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: cancelled here
}

// Reading a channel that only the cancelled promise writes to is the same
// wait.
cobalt::promise<void> produce(cobalt::channel<int> &values);

cobalt::promise<void> drain(cobalt::channel<int> &values) {
  cobalt::promise<void> producer = produce(values);
  producer.cancel();
  co_await values.read();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'values' is awaited with no timeout, but only work cancelled earlier completes it; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: cancelled here
  // CHECK-MESSAGES: :[[@LINE-5]]:36: note: 'values' is given to the cancelled work here
}

cobalt::promise<void> stop_bounded(cobalt::wait_group &group) {
  group.cancel();
  co_await cobalt::race(group.wait(),
                        cobalt::io::sleep(std::chrono::seconds(5)));
}

// async-unbounded-gather: join over a promise per element of the input.
cobalt::promise<void> fetch_all(std::vector<int> ids) {
  std::vector<cobalt::promise<int>> running;
  for (int id : ids)
    running.push_back(fetch(id));
  co_await cobalt::join(running);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'boost::cobalt::join' runs a task for every element of a range whose size comes from input, all at once; bound the concurrency with a semaphore or gather in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'running' gets an element in every iteration of a loop over input here
  // CHECK-MESSAGES: :[[@LINE-7]]:50: note: 'ids' comes from the caller
}

// Clean: the variadic join and gather run two.
cobalt::promise<void> fetch_two() {
  co_await cobalt::join(fetch(1), fetch(2));
  co_await cobalt::gather(fetch(3), fetch(4));
}

// async-await-in-cancellation-handler: reading the cancellation state is
// answered at once; awaiting more work is not.
cobalt::promise<void> cleanup() {
  std::exception_ptr error;
  try {
    co_await fetch(1);
  } catch (const boost::system::system_error &) {
    error = std::current_exception();
  }
  if (error) {
    auto state = co_await cobalt::this_coro::cancelled;
    co_await flush_log();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: awaiting 'flush_log' while handling cancellation is neither shielded nor bounded; shield it or bound it with 'boost::cobalt::race' [async-await-in-cancellation-handler]
    // CHECK-MESSAGES: :[[@LINE-7]]:5: note: cancellation caught here
    std::rethrow_exception(error);
  }
}
