// main may start detached top-level work once AllowDetachedWorkIn names it,
// together with the lambdas written in it; other functions are still
// reported. Off by default.
// RUN: %check_async --check-suffix=DEFAULT %s async-detached-task %t
// RUN: %check_async --config="{CheckOptions: { \
// RUN:   async-detached-task.AllowDetachedWorkIn: 'main;app::run_*'}}" \
// RUN:   --check-suffix=ALLOWED %s async-detached-task %t

#include <thread>

void serve();

namespace app {
void run_service() {
  std::thread(serve).detach();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:22: warning: call to 'std::thread::detach' detaches the work; nobody awaits it or sees its failure [async-detached-task]
}
void start_worker() {
  std::thread(serve).detach();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:22: warning: call to 'std::thread::detach' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  // CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:22: warning: call to 'std::thread::detach' detaches the work; nobody awaits it or sees its failure [async-detached-task]
}
} // namespace app

int main() {
  std::thread(serve).detach();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:22: warning: call to 'std::thread::detach' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  auto start = [] { std::thread(serve).detach(); };
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:40: warning: call to 'std::thread::detach' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  start();
  app::run_service();
  app::start_worker();
}
