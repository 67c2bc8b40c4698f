// A broadcaster spawns one publisher per topic with a view of the vector's element, which lives in the coroutine's frame until the group is joined.
#include "aio/aio.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

using namespace std::chrono_literals;

std::size_t levels_sent = 0;

aio::task<> publish(std::string_view topic) {
  co_await aio::sleep(5ms); // wait for the broker's acknowledgement
  levels_sent += std::count(topic.begin(), topic.end(), '/') + 1;
}

// doc:begin a publisher per topic, viewing the element
aio::task<> broadcast(std::vector<std::string> topics) {
  aio::task_group group;
  for (const std::string &topic : topics)
    group.spawn(publish(topic));
  co_await group.join();
}
// doc:end

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(broadcast({"sensors/temperature/living-room",
                                     "sensors/humidity/living-room"}));
  std::printf("published %zu topic levels\n", levels_sent);
}
