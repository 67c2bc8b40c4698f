// Boost.Asio: co_spawn in a loop over input and a ranged parallel group over
// operations made from input are reported; deferred operations (started by
// the group), a loop that awaits each operation, or a fixed number of
// sessions are not.
// REQUIRES: boost-asio
// RUN: %check_async %s async-unbounded-gather %t

#include <boost/asio.hpp>
#include <boost/asio/experimental/parallel_group.hpp>

#include <string>
#include <vector>

namespace asio = boost::asio;

asio::awaitable<void> fetch(std::string url);

asio::awaitable<void> spawn_all(std::vector<std::string> urls) {
  auto executor = co_await asio::this_coro::executor;
  for (const std::string &url : urls)
    asio::co_spawn(executor, fetch(url), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'boost::asio::co_spawn' starts work in every iteration of a loop over input, with no bound on how much runs at once; acquire a semaphore in the loop or join in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-5]]:58: note: 'urls' comes from the caller
}

asio::awaitable<void> parallel_group(std::vector<std::string> urls) {
  auto executor = co_await asio::this_coro::executor;
  using operation = decltype(asio::co_spawn(executor, fetch(""), asio::deferred));
  std::vector<operation> operations;
  for (const std::string &url : urls)
    operations.push_back(asio::co_spawn(executor, fetch(url), asio::deferred));
  co_await asio::experimental::make_parallel_group(std::move(operations)).async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'boost::asio::experimental::make_parallel_group' runs a task for every element of a range whose size comes from input, all at once; bound the concurrency with a semaphore or gather in batches [async-unbounded-gather]
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: 'operations' gets an element in every iteration of a loop over input here
  // CHECK-MESSAGES: :[[@LINE-9]]:63: note: 'urls' comes from the caller
}

// Clean: each one awaited in turn.
asio::awaitable<void> one_at_a_time(std::vector<std::string> urls) {
  auto executor = co_await asio::this_coro::executor;
  for (const std::string &url : urls)
    co_await asio::co_spawn(executor, fetch(url), asio::use_awaitable);
}

// Clean: the accept loop is not a loop over a range (not analysed), and a
// fixed number of workers.
asio::awaitable<void> session(asio::ip::tcp::socket socket);
asio::awaitable<void> listener(asio::ip::tcp::acceptor acceptor) {
  for (int i = 0; i < 4; ++i)
    asio::co_spawn(acceptor.get_executor(), fetch("warm-up"), asio::detached);
  for (;;) {
    asio::ip::tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(acceptor.get_executor(), session(std::move(socket)), asio::detached);
  }
}
