// RUN: %check_async %s async-blocking-call %t

#include "demo_task.h"

#include <netdb.h>
#include <sys/socket.h>

// libcurl is not installed for the tests; its blocking entry point is enough.
extern "C" int curl_easy_perform(void *handle);

demo::task<> fetch(int fd, const sockaddr *address, socklen_t length) {
  co_await demo::ready{};
  connect(fd, address, length);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'connect' blocks the event loop thread in coroutine 'fetch' (network I/O); use the runtime's asynchronous sockets and resolver [async-blocking-call]
  char buffer[256];
  recv(fd, buffer, sizeof buffer, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'recv' blocks the event loop thread in coroutine 'fetch' (network I/O)
  recvfrom(fd, buffer, sizeof buffer, 0, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'recvfrom' blocks the event loop thread in coroutine 'fetch' (network I/O)
  send(fd, buffer, 1, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'send' blocks the event loop thread in coroutine 'fetch' (network I/O)
  sendto(fd, buffer, 1, 0, address, length);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'sendto' blocks the event loop thread in coroutine 'fetch' (network I/O)
  int client = accept(fd, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: call to 'accept' blocks the event loop thread in coroutine 'fetch' (network I/O)
  (void)client;
  addrinfo *result = nullptr;
  getaddrinfo("example.org", "80", nullptr, &result);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'getaddrinfo' blocks the event loop thread in coroutine 'fetch' (network I/O)
  gethostbyname("example.org");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'gethostbyname' blocks the event loop thread in coroutine 'fetch' (network I/O)
  curl_easy_perform(nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'curl_easy_perform' blocks the event loop thread in coroutine 'fetch' (network I/O)
}

// Clean: a member function that shares a name with a socket call, and socket
// calls in a function that is not a coroutine.
struct connection {
  void send(const char *);
  void connect();
};
demo::task<> uses_own_api(connection &c) {
  c.connect();
  c.send("x");
  co_return;
}

// Clean: a user's own coroutine named like the socket call; the call gives a
// task to await, so it cannot be the blocking C function.
demo::task<int> send(const char *message) { co_return message != nullptr; }
demo::task<int> notify_subscribers() { co_return co_await send("ready"); }
void synchronous_client(int fd) {
  char buffer[8];
  recv(fd, buffer, sizeof buffer, 0);
}
