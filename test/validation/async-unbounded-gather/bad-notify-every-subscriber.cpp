// A chat room sends a message to every subscriber with one task each in a group; the room's size decides how many deliveries run at once, and all 300 do.
#include <aio/aio.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct subscriber {
  std::string name;
  int delivered = 0;
};

aio::task<> deliver(subscriber &to, std::string message) {
  co_await aio::sleep(15ms); // the subscriber's connection takes the frame
  to.delivered += static_cast<int>(!message.empty());
}

void broadcast(aio::task_group &deliveries, std::vector<subscriber> &room,
               const std::string &message) {
  for (subscriber &s : room)
    deliveries.spawn(deliver(s, message));
}

aio::task<int> chat(std::vector<subscriber> &room) {
  aio::task_group deliveries;
  broadcast(deliveries, room, "the release is out");
  co_await deliveries.join();
  int delivered = 0;
  for (const subscriber &s : room)
    delivered += s.delivered;
  co_return delivered;
}

int main() {
  // More than 100 tasks in flight from one place is more than the backends
  // are sized for.
  aio::event_loop loop(
      aio::loop_options{.clock = std::make_shared<aio::manual_clock>(),
                        .debug = true,
                        .max_tasks_per_call_site = 100});
  std::vector<subscriber> room(300);
  for (std::size_t i = 0; i < room.size(); ++i)
    room[i].name = "user-" + std::to_string(i);
  int delivered = loop.run_until_complete(chat(room));
  std::fprintf(stderr, "delivered %d messages\n", delivered);
}
