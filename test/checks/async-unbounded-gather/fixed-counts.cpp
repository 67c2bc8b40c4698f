// Counts that the program, not its input, decides: main's command line, a
// count or a list that every caller in the file gives as a constant, and an
// accept loop, which starts one task per connection as peers connect. Each
// beside a twin whose count does come from input.
// RUN: %check_async %s async-unbounded-gather %t

#include <aio/aio.hpp>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

aio::task<int> fetch(const std::string &url);
aio::task<> serve(aio::tcp_stream s);
aio::task<std::size_t> next_id(aio::tcp_stream &s);

// The only caller gives a constant.
aio::task<> warm_up(aio::task_group &group, int workers) {
  for (int i = 0; i < workers; ++i)
    group.spawn(fetch("warm-up"));
  co_return;
}

// One caller gives a constant, another a count from input.
aio::task<> warm_up_some(aio::task_group &group, int workers) {
  for (int i = 0; i < workers; ++i)
    group.spawn(fetch("warm-up"));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'aio::task_group::spawn' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-4]]:54: note: 'workers' comes from the caller
  co_return;
}

// Every caller gives a braced list of elements.
aio::task<> fetch_each(std::vector<std::string> urls) {
  std::vector<aio::task<int>> tasks;
  for (const std::string &url : urls)
    tasks.push_back(fetch(url));
  co_await aio::gather(std::move(tasks));
}

// Its twin, given a list from input.
aio::task<> fetch_given(std::vector<std::string> urls) {
  std::vector<aio::task<int>> tasks;
  for (const std::string &url : urls)
    tasks.push_back(fetch(url));
  co_await aio::gather(std::move(tasks));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'aio::gather' runs a task for every element of a range whose size comes from input, all at once; bound the concurrency with a semaphore or gather in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: 'tasks' gets an element in every iteration of a loop over input here
  // CHECK-MESSAGES: :[[@LINE-7]]:50: note: 'urls' comes from the caller
}

aio::task<> start(aio::task_group &group, int requested, std::vector<std::string> urls) {
  co_await warm_up(group, 4);
  co_await warm_up_some(group, 4);
  co_await warm_up_some(group, requested);
  co_await fetch_each({"https://a.example", "https://b.example"});
  co_await fetch_each({"https://c.example"});
  co_await fetch_given(std::move(urls));
}

// A lambda called with a constant, and one called with input.
void lambdas(aio::task_group &group, int requested) {
  auto spawn_three = [&group](int n) -> aio::task<> {
    for (int i = 0; i < n; ++i)
      group.spawn(fetch("three"));
    co_return;
  };
  auto spawn_requested = [&group](int n) -> aio::task<> {
    for (int i = 0; i < n; ++i)
      group.spawn(fetch("requested"));
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'aio::task_group::spawn' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
    // CHECK-MESSAGES: :[[@LINE-4]]:39: note: 'n' comes from the caller
    co_return;
  };
  aio::task<> three = spawn_three(3);
  aio::task<> many = spawn_requested(requested);
}

// A function with no caller in the file: its count is input.
void spawn_per_argument(aio::task_group &group, int argc, char **argv) {
  for (int i = 1; i < argc; ++i)
    group.spawn(fetch(argv[i]));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'aio::task_group::spawn' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-4]]:53: note: 'argc' comes from the caller
}

// An accept loop: one task per connection, as peers connect.
aio::task<> accept_clients(aio::tcp_listener &listener, aio::task_group &group, std::size_t max_clients) {
  for (std::size_t i = 0; i < max_clients; ++i) {
    aio::tcp_stream s = co_await listener.accept();
    group.spawn(serve(std::move(s)));
  }
}

struct server {
  aio::tcp_listener listener;
  aio::task_group group;
  bool running = true;

  aio::task<> accept_loop() {
    while (running)
      group.spawn(serve(co_await listener.accept()));
  }

  // Its twin: one task per id a client sends.
  aio::task<> request_loop(aio::tcp_stream &client) {
    while (running) {
      std::size_t id = co_await next_id(client);
      group.spawn(fetch(std::to_string(id)));
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'aio::task_group::spawn' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
      // CHECK-MESSAGES: :[[@LINE-13]]:8: note: 'running' is a member, filled outside this function
    }
  }
};

// The command line is written by whoever starts the program.
int main(int argc, char **argv) {
  aio::task_group group;
  for (int i = 1; i < argc; ++i)
    group.spawn(fetch(argv[i]));
  std::vector<std::string> urls(argv + 1, argv + argc);
  for (const std::string &url : urls)
    group.spawn(fetch(url));
}
