// QCoro coroutines against the real QCoro and Qt headers: Qt's blocking
// calls in each category of the qcoro profile, and their QCoro
// alternatives, which are not reported.
// REQUIRES: qcoro
// RUN: %check_async %s async-blocking-call %t -- %qcoro_flags
// Mutex locking is off by default; on its own here, without following calls
// into Qt's inline functions (QFuture::result locks a QMutex):
// RUN: %check_async --check-suffix=LOCKING --config="{CheckOptions: { \
// RUN:   async-blocking-call.MutexLocking: true, async-blocking-call.Sleep: false, \
// RUN:   async-blocking-call.FileIO: false, async-blocking-call.Network: false, \
// RUN:   async-blocking-call.Processes: false, async-blocking-call.SynchronousWaits: false, \
// RUN:   async-blocking-call.EventLoopReentry: false, async-blocking-call.FollowCalls: false}}" \
// RUN:   %s async-blocking-call %t.locking -- %qcoro_flags

#include <QCoroAbstractSocket>
#include <QCoroFuture>
#include <QCoroNetworkReply>
#include <QCoroProcess>
#include <QCoroTask>
#include <QCoroTimer>

#include <QEventLoop>
#include <QFile>
#include <QFuture>
#include <QHostInfo>
#include <QMessageBox>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QReadWriteLock>
#include <QTcpSocket>
#include <QThread>

#include <chrono>

using namespace std::chrono_literals;

QCoro::Task<> pace(QTcpSocket &socket) {
  QThread::msleep(100);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'QThread::msleep' blocks the event loop thread in coroutine 'pace' (sleep);
  socket.waitForReadyRead(1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: call to 'QAbstractSocket::waitForReadyRead' blocks the event loop thread in coroutine 'pace' (network I/O);
  co_await qCoro(socket).waitForReadyRead(1s);
}

QCoro::Task<QByteArray> load(QString path) {
  QFile file(path);
  file.open(QIODevice::ReadOnly);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: call to 'QFile::open' blocks the event loop thread in coroutine 'load' (file I/O);
  QByteArray data = file.readAll();
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: call to 'QFileDevice::readAll' blocks the event loop thread in coroutine 'load' (file I/O);
  co_await QCoro::sleepFor(10ms);
  co_return data;
}

QCoro::Task<int> run(QProcess &process, QFuture<int> future, QThread &worker) {
  process.waitForFinished();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'QProcess::waitForFinished' blocks the event loop thread in coroutine 'run' (process);
  future.waitForFinished();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: call to 'QFuture::waitForFinished' blocks the event loop thread in coroutine 'run' (synchronous wait);
  int value = future.result();
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: call to 'QFuture::result' blocks the event loop thread in coroutine 'run' (synchronous wait);
  worker.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: call to 'QThread::wait' blocks the event loop thread in coroutine 'run' (synchronous wait);
  QHostInfo::fromName(QStringLiteral("example.org"));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'QHostInfo::fromName' blocks the event loop thread in coroutine 'run' (network I/O);
  co_return value;
}

// The synchronous way to use QNetworkAccessManager: spin a loop on the reply.
QCoro::Task<QByteArray> fetch(QNetworkAccessManager &nam, QUrl url) {
  QNetworkReply *reply = nam.get(QNetworkRequest(url));
  QEventLoop loop;
  QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
  loop.exec();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: call to 'QEventLoop::exec' blocks the event loop thread in coroutine 'fetch' (event-loop re-entry);
  QMessageBox::information(nullptr, QStringLiteral("done"), QStringLiteral("fetched"));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'QMessageBox::information' blocks the event loop thread in coroutine 'fetch' (event-loop re-entry);
  QCoro::waitFor(QCoro::sleepFor(1s));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'QCoro::waitFor' blocks the event loop thread in coroutine 'fetch' (event-loop re-entry);
  QByteArray body = reply->readAll();
  co_return body;
}

QMutex counters_mutex;
QReadWriteLock routes_lock;

QCoro::Task<> count() {
  {
    QMutexLocker locker(&counters_mutex);
    // CHECK-MESSAGES-LOCKING: :[[@LINE-1]]:18: warning: construction of 'QMutexLocker' blocks the event loop thread in coroutine 'count' (mutex locking);
  }
  routes_lock.lockForRead();
  // CHECK-MESSAGES-LOCKING: :[[@LINE-1]]:15: warning: call to 'QReadWriteLock::lockForRead' blocks the event loop thread in coroutine 'count' (mutex locking);
  routes_lock.unlock();
  co_await QCoro::sleepFor(1ms);
}

// Clean: QCoro's awaitable alternatives.
QCoro::Task<int> awaited(QTcpSocket &socket, QProcess &process,
                         QFuture<int> future, QNetworkAccessManager &nam,
                         QUrl url) {
  co_await QCoro::sleepFor(100ms);
  co_await qCoro(socket).waitForReadyRead(1s);
  co_await qCoro(process).waitForFinished(5s);
  int value = co_await future;
  QNetworkReply *reply = co_await nam.get(QNetworkRequest(url));
  reply->deleteLater();
  co_return value;
}

// Clean: a plain function is not a coroutine.
void blockingSlot(QProcess &process) {
  QThread::sleep(1);
  process.waitForFinished();
}
