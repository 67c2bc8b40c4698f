// A chat room fans a message out by spawning deliver() for every member into a
// task group and joining it.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct member {
  std::string name;
  std::vector<std::string> inbox;
};

aio::task<> deliver(member &m, const std::string &text) {
  co_await aio::sleep(3ms); // push over the member's connection
  m.inbox.push_back(text);
}

aio::task<> broadcast(std::vector<member> &room, std::string text) {
  aio::task_group group;
  for (member &m : room) {
    group.spawn(deliver(m, text));
  }
  co_await group.join();
}

int main() {
  std::vector<member> room{{"ann", {}}, {"bo", {}}, {"cy", {}}};
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(broadcast(room, "hello"));
  std::printf("ann has %zu messages\n", room[0].inbox.size());
}
