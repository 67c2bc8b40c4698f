// The standard library, in plain functions: a detached thread has no owner;
// a discarded std::async future makes the call synchronous and loses its
// exception.
// RUN: %check_async %s async-detached-task %t

#include <future>
#include <thread>
#include <utility>
#include <vector>

void work();
int compute();

void starts() {
  std::thread t(work);
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'std::thread::detach' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  std::thread(work).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: call to 'std::thread::detach' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  std::jthread j(work);
  j.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'std::jthread::detach' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  std::async(std::launch::async, compute);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'std::async' is discarded; nobody awaits the work it started or sees its failure [async-detached-task]
  (void)std::async(compute);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: result of 'std::async' is cast to void; nobody awaits the work it started or sees its failure [async-detached-task]
}

// Clean: joined, or the future is kept (its destructor waits, so even an
// unused one is not detached work).
int tracked(std::vector<std::future<int>> &pending) {
  std::thread t(work);
  t.join();
  std::jthread j(work);
  auto f = std::async(std::launch::async, compute);
  auto unused = std::async(std::launch::async, compute);
  pending.push_back(std::async(compute));
  return f.get();
}
