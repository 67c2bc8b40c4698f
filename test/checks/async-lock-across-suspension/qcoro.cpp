// QCoro coroutines holding Qt's thread mutexes across co_await, against the
// real QCoro and Qt headers. QCoro resumes a coroutine on the thread of the
// object it awaited, usually the main thread, where every other coroutine
// and slot runs too.
// REQUIRES: qcoro
// RUN: %check_async %s async-lock-across-suspension %t -- %qcoro_flags

#include <QCoroTask>
#include <QCoroTimer>

#include <QMutex>
#include <QMutexLocker>
#include <QReadWriteLock>

#include <chrono>

using namespace std::chrono_literals;

QMutex cache_mutex;
QRecursiveMutex log_mutex;
QReadWriteLock routes_lock;
int cache_size;

QCoro::Task<> refresh() {
  QMutexLocker locker(&cache_mutex);
  co_await QCoro::sleepFor(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'QMutexLocker' 'locker' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: locked here
  ++cache_size;
}

QCoro::Task<> log() {
  QMutexLocker locker(&log_mutex);
  co_await QCoro::sleepFor(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'QMutexLocker' 'locker' holds 'log_mutex' across this suspension point; another task on this thread can lock it too [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: locked here
}

QCoro::Task<> route() {
  QReadLocker reading(&routes_lock);
  co_await QCoro::sleepFor(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'QReadLocker' 'reading' holds 'routes_lock' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: locked here
  reading.unlock();
  QWriteLocker writing(&routes_lock);
  co_await QCoro::sleepFor(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'QWriteLocker' 'writing' holds 'routes_lock' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: locked here
}

QCoro::Task<> manual() {
  cache_mutex.lock();
  co_await QCoro::sleepFor(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cache_mutex' is locked across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: locked here
  cache_mutex.unlock();
  routes_lock.lockForWrite();
  co_await QCoro::sleepFor(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'routes_lock' is locked across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: locked here
  routes_lock.unlock();
}

QCoro::Task<> relocked() {
  QMutexLocker locker(&cache_mutex);
  locker.unlock();
  co_await QCoro::sleepFor(10ms);
  locker.relock();
  co_await QCoro::sleepFor(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'QMutexLocker' 'locker' holds 'cache_mutex' across this suspension point; another task on this thread that locks it deadlocks [async-lock-across-suspension]
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: locked here
}

// Clean: the lock is released before the coroutine suspends.
QCoro::Task<> released() {
  {
    QMutexLocker locker(&cache_mutex);
    ++cache_size;
  }
  co_await QCoro::sleepFor(10ms);
  QWriteLocker writing(&routes_lock);
  ++cache_size;
  writing.unlock();
  co_await QCoro::sleepFor(10ms);
  cache_mutex.lock();
  ++cache_size;
  cache_mutex.unlock();
  co_await QCoro::sleepFor(10ms);
}
