#include "demo_task.h"
#include <mutex>

std::mutex table_mutex;
demo::task<> refresh();

demo::task<> update_table() {
  std::lock_guard<std::mutex> guard(table_mutex);
  co_await refresh();
}
