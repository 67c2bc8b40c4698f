#include "demo_task.h"
#include <unistd.h>

demo::task<> handler() {
  sleep(1); // NOLINT(async-blocking-call)
  // NOLINTNEXTLINE(async-blocking-call)
  co_await demo::ready{};
  int x = 0; // NOLINT(async-detached-task)
  // NOLINTBEGIN(async-blocking-call)
  usleep(1);
  // NOLINTEND(async-blocking-call)
  // NOLINTBEGIN(async-missing-co-await)
  (void)x;
  // NOLINTEND(async-missing-co-await)
  int y = 0; // NOLINT(bugprone-*): not ours to judge
  (void)y;
  co_return;
}
