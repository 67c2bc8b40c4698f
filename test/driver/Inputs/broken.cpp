#include "demo_task.h"
#include <unistd.h>

demo::task<> handler() {
  sleep(1);
  undeclared_name();
  co_return;
}
