// A metrics relay talks to a local agent over a blocking socket with send() and
// recv() in the coroutine, so a slow agent stalls the loop.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>

#include <sys/socket.h>
#include <unistd.h>

using namespace std::chrono_literals;

struct agent_link {
  int fds[2] = {-1, -1}; // [0]: ours, [1]: the agent's end
  agent_link() { ::socketpair(AF_UNIX, SOCK_STREAM, 0, fds); }
  ~agent_link() {
    ::close(fds[0]);
    ::close(fds[1]);
  }
};

aio::task<long> relay_metric(agent_link &link, const char *line) {
  co_await aio::sleep(10ms); // batch window
  ::send(link.fds[0], line, std::strlen(line), 0);
  char ack[64] = {};
  // The agent's acknowledgement (here already queued by the agent's end).
  ::write(link.fds[1], "ok", 2);
  long n = ::recv(link.fds[0], ack, sizeof ack, 0);
  co_return n;
}

aio::task<> relay(agent_link &link) {
  long acked = co_await relay_metric(link, "requests_total 42\n");
  std::printf("agent acknowledged %ld bytes\n", acked);
}

int main() {
  agent_link link;
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(relay(link));
}
