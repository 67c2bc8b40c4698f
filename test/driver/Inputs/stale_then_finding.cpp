#include "demo_task.h"
#include <unistd.h>

demo::task<> first() {
  co_return; // NOLINT(async-detached-task)
}

demo::task<> second() {
  sleep(1);
  co_return;
}
