#include <aio/task.hpp>
#include <aio/task_group.hpp>

#include <vector>

aio::task<> fetch(int id);

aio::task<> fan_out(std::vector<int> ids) {
  aio::task_group group;
  for (int id : ids)
    group.spawn(fetch(id));
  co_await group.join();
}
