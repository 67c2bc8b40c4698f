// A libcoro task group started once per element of an input range runs
// them all at once; a coro::semaphore acquired in the loop bounds them.
// Declarations from the libcoro stubs.
// RUN: %check_async %s async-unbounded-gather %t

#include "mock/libcoro.h"

#include <vector>

coro::task<> fetch(int id);
coro::task<> fetch_then_release(int id, coro::semaphore<8> &slots);

coro::task<> fetch_all(coro::thread_pool &pool, std::vector<int> ids) {
  coro::task_group<coro::thread_pool> group{&pool};
  for (int id : ids)
    (void)group.start(fetch(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'coro::task_group::start' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-5]]:66: note: 'ids' comes from the caller
  co_await group;
}

// Clean: at most eight at once.
coro::task<> fetch_limited(coro::thread_pool &pool, std::vector<int> ids) {
  coro::semaphore<8> slots{8};
  coro::task_group<coro::thread_pool> group{&pool};
  for (int id : ids) {
    co_await slots.acquire();
    (void)group.start(fetch_then_release(id, slots));
  }
  co_await group;
}
