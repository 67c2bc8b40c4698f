#include "demo_task.h"

demo::task<int> handler() { co_return 1; }
