// asio::co_spawn runs the coroutine on the executor, after the spawning
// function has moved on: an argument bound to a reference or view parameter
// must outlive it. Awaited through use_awaitable, or spawned before the
// event loop runs to completion in the same scope, it does.
// REQUIRES: boost-asio
// RUN: %check_async %s async-dangling-reference %t

#include <boost/asio.hpp>

#include <string>
#include <string_view>

namespace asio = boost::asio;

asio::awaitable<void> greet(const std::string &greeting);
asio::awaitable<void> greet_view(std::string_view greeting);

asio::awaitable<void> parent() {
  std::string hello = "hello";
  auto executor = co_await asio::this_coro::executor;
  co_await greet(hello);
  co_await asio::co_spawn(executor, greet(hello), asio::use_awaitable);
  asio::co_spawn(executor, greet(hello), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'hello' is bound to reference parameter 'greeting' of 'greet', but the task outlives it: 'hello' is destroyed at the end of its scope [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-10]]:48: note: reference parameter 'greeting' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'boost::asio::co_spawn' starts the task here and nothing waits for it
  auto rethrow = [](std::exception_ptr e) {
    if (e)
      std::rethrow_exception(e);
  };
  asio::co_spawn(executor, greet(std::string("bye")), rethrow);
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: a temporary is bound to reference parameter 'greeting' of 'greet', but the task outlives it: the temporary is destroyed at the end of the full expression [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-18]]:48: note: reference parameter 'greeting' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'boost::asio::co_spawn' starts the task here and nothing waits for it
}

void start(asio::io_context &io, std::string name) {
  asio::co_spawn(io, greet(name), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'name' is bound to reference parameter 'greeting' of 'greet', but the task outlives it: 'name' is destroyed when 'start' returns [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-25]]:48: note: reference parameter 'greeting' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'boost::asio::co_spawn' starts the task here and nothing waits for it
  asio::co_spawn(io, greet_view(name), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: a view of 'name' is bound to view parameter 'greeting' of 'greet_view', but the task outlives it: 'name' is destroyed when 'start' returns [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-28]]:51: note: view parameter 'greeting' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'boost::asio::co_spawn' starts the task here and nothing waits for it
  asio::co_spawn(io, greet_view("a literal"), asio::detached);
  asio::co_spawn(io, greet("a temporary string"), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: a temporary is bound to reference parameter 'greeting' of 'greet', but the task outlives it: the temporary is destroyed at the end of the full expression [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-34]]:48: note: reference parameter 'greeting' is declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'boost::asio::co_spawn' starts the task here and nothing waits for it
}

// The loop runs to completion while the locals live.
int main() {
  asio::io_context io;
  std::string name = "main";
  asio::co_spawn(io, greet(name), asio::detached);
  start(io, name);
  io.run();
}
