// A deploy step runs its migrations in a task group, cancels the group when
// the deploy is aborted and joins it with no bound; one migration defers its
// cancellation until its batch is committed, so the join waits for it.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

aio::task<> migrate_table(int batches) {
  bool stop_requested = false;
  for (int batch = 0; batch < batches; ++batch) {
    try {
      co_await aio::sleep(1s); // copy one batch
    } catch (const aio::cancelled_error &) {
      stop_requested = true; // never stop halfway through the table
    }
  }
  if (stop_requested) {
    throw aio::cancelled_error{};
  }
}

aio::task<> deploy(bool abort) {
  aio::task_group migrations;
  migrations.spawn(migrate_table(3));
  migrations.spawn(migrate_table(600));
  co_await aio::sleep(2500ms);
  if (abort) {
    migrations.cancel();
  }
  co_await migrations.join();
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
