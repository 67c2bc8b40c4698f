// An aborted deploy cancels its task group of migrations and joins the group
// with a deadline; the migrations stop at their next batch.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

aio::task<> migrate_table(int batches) {
  for (int batch = 0; batch < batches; ++batch) {
    co_await aio::sleep(1s); // copy one batch; resumable from the next one
  }
}

// aio::wait_for needs a movable awaitable; a group's join awaiter is not.
aio::task<> join_all(aio::task_group &group) { co_await group.join(); }

aio::task<> deploy(bool abort) {
  aio::task_group migrations;
  migrations.spawn(migrate_table(3));
  migrations.spawn(migrate_table(600));
  co_await aio::sleep(2500ms);
  if (abort) {
    migrations.cancel();
  }
  try {
    co_await aio::wait_for(join_all(migrations), 30s);
  } catch (const aio::timeout_error &) {
    std::puts("migrations did not stop in time");
  }
}

aio::task<> run() {
  try {
    co_await deploy(true);
  } catch (const aio::cancelled_error &) {
    std::puts("deploy aborted");
  }
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
