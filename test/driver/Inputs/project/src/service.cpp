#include "demo_task.h"
#include <unistd.h>

demo::task<> first() {
  sleep(1);
  co_return;
}

demo::task<> second() {
  usleep(1);
  co_return;
}
