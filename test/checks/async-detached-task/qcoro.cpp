// QCoro::Task is eager (its promise's initial_suspend is suspend_never): a
// slot that calls a coroutine and drops its Task leaves the work running with
// nobody to see how it ends. Against the real QCoro and Qt headers.
// REQUIRES: qcoro
// RUN: %check_async %s 'async-detached-task,async-missing-co-await' %t -- %qcoro_flags

#include <QCoroTask>
#include <QCoroTimer>

#include <QObject>

#include <chrono>

using namespace std::chrono_literals;

QCoro::Task<int> refresh();
void show(int rows);

class Window : public QObject {
public:
  void onReloadClicked() {
    refresh();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: eager task returned by 'refresh' is discarded; it runs on with nobody awaiting it or seeing its failure [async-detached-task]
  }

  // Clean: the continuation sees the result (or the failure).
  void onReloadWithResult() {
    refresh().then([](int rows) { show(rows); });
  }

  // Clean: the task is kept, and awaited later.
  QCoro::Task<> reloadTwice() {
    auto first = refresh();
    co_await QCoro::sleepFor(10ms);
    show(co_await first);
    show(co_await refresh());
  }
};
