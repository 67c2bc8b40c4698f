// aio: gather over a range whose size comes from input, and spawning in a
// loop over input, with no semaphore, bounded queue or batching. Ranges of
// fixed size, loops bounded by a constant and limited work are clean.
// RUN: %check_async %s async-unbounded-gather %t

#include <aio/aio.hpp>

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <vector>

aio::task<int> fetch(const std::string &url);
aio::task<int> fetch_with(const std::string &url, aio::semaphore &slots);
aio::task<std::size_t> next_id(aio::tcp_stream &s);

aio::task<> gather_grown(std::vector<std::string> urls) {
  std::vector<aio::task<int>> tasks;
  for (const std::string &url : urls)
    tasks.push_back(fetch(url));
  co_await aio::gather(std::move(tasks));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'aio::gather' runs a task for every element of a range whose size comes from input, all at once; bound the concurrency with a semaphore or gather in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: 'tasks' gets an element in every iteration of a loop over input here
  // CHECK-MESSAGES: :[[@LINE-7]]:51: note: 'urls' comes from the caller
}

aio::task<> gather_parameter(std::vector<aio::task<int>> tasks) {
  co_await aio::gather(std::move(tasks));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'aio::gather' runs a task for every element of a range whose size comes from input, all at once; bound the concurrency with a semaphore or gather in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-3]]:58: note: 'tasks' comes from the caller
}

aio::task<> spawn_per_url(const std::vector<std::string> &urls) {
  aio::task_group group;
  for (const std::string &url : urls)
    group.spawn(fetch(url));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'aio::task_group::spawn' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-5]]:59: note: 'urls' comes from the caller
  co_await group.join();
}

// A counted loop whose bound is a parameter; handles kept in a vector.
aio::task<> create_n(std::size_t n) {
  std::vector<aio::task_handle<int>> handles;
  for (std::size_t i = 0; i < n; ++i)
    handles.push_back(aio::create_task(fetch("x")));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'aio::create_task' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-5]]:34: note: 'n' comes from the caller
  for (auto &h : handles)
    co_await h;
}

// A loop that runs for as long as a socket yields ids.
aio::task<> spawn_per_message(aio::tcp_stream &s, aio::task_group &group) {
  while (std::size_t id = co_await next_id(s))
    group.spawn(fetch(std::to_string(id)));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'aio::task_group::spawn' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-3]]:27: note: the loop runs for as long as this await yields input
}

// Popping from a bounded queue yields the input; it limits nothing.
aio::task<> spawn_per_job(aio::queue<int> &jobs, aio::task_group &group) {
  while (int id = co_await jobs.pop())
    group.spawn(fetch(std::to_string(id)));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'aio::task_group::spawn' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: the loop runs for as long as this await yields input
}

// A member filled elsewhere.
struct crawler {
  std::vector<std::string> frontier;
  aio::task_group group;

  aio::task<> crawl() {
    for (const std::string &url : frontier)
      aio::spawn_detached(fetch(url));
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'aio::spawn_detached' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
    // CHECK-MESSAGES: :[[@LINE-7]]:28: note: 'frontier' is a member, filled outside this function
    co_return;
  }
};

// A local initialized from input.
aio::task<> copied(std::span<const std::string> input) {
  std::vector<std::string> urls(input.begin(), input.end());
  aio::task_group group;
  for (const std::string &url : urls)
    group.spawn(fetch(url));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'aio::task_group::spawn' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-5]]:28: note: 'urls' is initialized from input here
  // CHECK-MESSAGES: :[[@LINE-7]]:49: note: 'input' comes from the caller
  co_await group.join();
}

// A coroutine lambda is a function of its own.
void start(std::vector<std::string> urls) {
  auto all = [](std::vector<std::string> list) -> aio::task<> {
    aio::task_group group;
    for (const std::string &url : list)
      group.spawn(fetch(url));
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'aio::task_group::spawn' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
    // CHECK-MESSAGES: :[[@LINE-5]]:42: note: 'list' comes from the caller
    co_await group.join();
  };
  (void)all;
}

// A template is analysed in its instantiations; each finding is reported once.
template <class Range>
aio::task<> spawn_each(const Range &range) {
  aio::task_group group;
  for (const auto &url : range)
    group.spawn(fetch(url));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'aio::task_group::spawn' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-5]]:37: note: 'range' comes from the caller
  co_await group.join();
}
template aio::task<> spawn_each(const std::vector<std::string> &);
template aio::task<> spawn_each(const std::vector<const char *> &);

// Clean: a semaphore acquired in the loop.
aio::task<> acquire_in_loop(const std::vector<std::string> &urls) {
  aio::semaphore slots(8);
  aio::task_group group;
  for (const std::string &url : urls) {
    co_await slots.acquire();
    group.spawn([](std::string u, aio::semaphore &s) -> aio::task<> {
      co_await fetch(u);
      s.release();
    }(url, slots));
  }
  co_await group.join();
}

// Clean: the spawned work is given the semaphore, or acquires it itself.
aio::task<> limited_work(const std::vector<std::string> &urls) {
  aio::semaphore slots(8);
  aio::task_group group;
  std::vector<aio::task<int>> tasks;
  for (const std::string &url : urls) {
    group.spawn(fetch_with(url, slots));
    tasks.push_back([&slots](std::string u) -> aio::task<int> {
      co_await slots.acquire();
      int status = co_await fetch(u);
      slots.release();
      co_return status;
    }(url));
  }
  co_await aio::gather(std::move(tasks));
  co_await group.join();
}

// Clean: joined every eight spawns.
aio::task<> join_in_batches(const std::vector<std::string> &urls) {
  aio::task_group group;
  std::size_t started = 0;
  for (const std::string &url : urls) {
    group.spawn(fetch(url));
    if (++started % 8 == 0)
      co_await group.join();
  }
  co_await group.join();
}

// Clean: gathered in batches of eight.
aio::task<> gather_in_batches(const std::vector<std::string> &urls) {
  for (std::size_t i = 0; i < urls.size(); i += 8) {
    std::vector<aio::task<int>> batch;
    for (std::size_t j = i; j < std::min(i + 8, urls.size()); ++j)
      batch.push_back(fetch(urls[j]));
    co_await aio::gather(std::move(batch));
  }
}

// Clean: a bounded queue between the loop and a fixed set of workers.
aio::task<> through_queue(const std::vector<std::string> &urls) {
  aio::queue<std::string> work(16);
  aio::task_group group;
  for (int i = 0; i < 4; ++i)
    group.spawn([](aio::queue<std::string> &q) -> aio::task<> {
      for (;;)
        co_await fetch(co_await q.pop());
    }(work));
  for (const std::string &url : urls)
    co_await work.push(url);
  group.cancel();
}

// Clean: ranges of a size fixed in the source.
aio::task<> fixed_size(std::array<std::string, 3> mirrors) {
  std::array<std::string, 2> urls{"a", "b"};
  aio::task_group group;
  for (const std::string &url : urls)
    group.spawn(fetch(url));
  for (const std::string &url : mirrors)
    group.spawn(fetch(url));
  std::vector<aio::task<int>> pair{};
  pair.push_back(fetch("a"));
  pair.push_back(fetch("b"));
  co_await aio::gather(std::move(pair));
  co_await group.join();
}

// Clean: a loop bounded by a constant, and work awaited where it starts.
aio::task<> sequential(const std::vector<std::string> &urls, std::size_t n) {
  aio::task_group group;
  for (std::size_t i = 0; i < n && i < 4; ++i)
    group.spawn(fetch(urls[i]));
  for (const std::string &url : urls)
    co_await aio::create_task(fetch(url));
  co_await group.join();
}

// Clean: suppressed.
aio::task<> suppressed(const std::vector<std::string> &urls) {
  aio::task_group group;
  for (const std::string &url : urls)
    group.spawn(fetch(url)); // NOLINT(async-unbounded-gather)
  co_await group.join();
}
