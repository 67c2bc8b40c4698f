// QCoro's network I/O against the real QCoro and Qt headers: an awaited
// QNetworkReply waits for the whole transfer, and qCoro(socket) operations
// take a timeout that defaults to -1 ms, which means none.
// REQUIRES: qcoro
// RUN: %check_async %s async-io-without-timeout %t -- %qcoro_flags
// RUN: %check_async --check-suffix=ACCEPT --config="{CheckOptions: {async-io-without-timeout.CheckAccept: true}}" %s async-io-without-timeout %t.accept -- %qcoro_flags

#include <QCoroAbstractSocket>
#include <QCoroNetworkReply>
#include <QCoroTask>
#include <QCoroTcpServer>

#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTcpSocket>

#include <chrono>

using namespace std::chrono_literals;

QCoro::Task<QByteArray> download(QNetworkAccessManager &nam, QUrl url) {
  QNetworkReply *reply = co_await nam.get(QNetworkRequest(url));
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: network I/O 'QNetworkAccessManager::get' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:26: warning: network I/O 'QNetworkAccessManager::get' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  QNetworkReply *posted = nam.post(QNetworkRequest(url), reply->readAll());
  co_await posted;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'QNetworkAccessManager::post' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:3: warning: network I/O 'QNetworkAccessManager::post' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_await qCoro(posted).waitForFinished();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'QCoro::detail::QCoroNetworkReply::waitForFinished' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:3: warning: network I/O 'QCoro::detail::QCoroNetworkReply::waitForFinished' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_return posted->readAll();
}

QCoro::Task<QByteArray> receive(QTcpSocket &socket) {
  QByteArray data = co_await qCoro(socket).readAll();
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: network I/O 'QCoro::detail::QCoroAbstractSocket::readAll' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:21: warning: network I/O 'QCoro::detail::QCoroAbstractSocket::readAll' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_await qCoro(socket).waitForReadyRead(-1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: network I/O 'QCoro::detail::QCoroAbstractSocket::waitForReadyRead' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:3: warning: network I/O 'QCoro::detail::QCoroAbstractSocket::waitForReadyRead' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  data += co_await qCoro(socket).readLine(80);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: network I/O 'QCoro::detail::QCoroAbstractSocket::readLine' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-2]]:11: warning: network I/O 'QCoro::detail::QCoroAbstractSocket::readLine' is awaited with no timeout; a silent peer stalls this task forever [async-io-without-timeout]
  co_return data;
}

QCoro::Task<QTcpSocket *> next(QTcpServer &server) {
  co_return co_await qCoro(server).waitForNewConnection(-1ms);
  // CHECK-MESSAGES-ACCEPT: :[[@LINE-1]]:13: warning: network I/O 'QCoro::detail::QCoroTcpServer::waitForNewConnection' is awaited with no timeout; a listener that no peer connects to stalls this task forever [async-io-without-timeout]
}

// Clean: every operation given a timeout; the int overloads take one in
// milliseconds, 30 s when not written.
QCoro::Task<QByteArray> bounded(QTcpSocket &socket, QTcpServer &server) {
  co_await qCoro(socket).connectToHost(QStringLiteral("example.org"), 80);
  co_await qCoro(socket).waitForConnected();
  QByteArray data = co_await qCoro(socket).readAll(5s);
  co_await qCoro(socket).waitForReadyRead(5000);
  co_await qCoro(socket).waitForReadyRead(5s);
  data += co_await qCoro(socket).read(512, 500ms);
  co_await qCoro(server).waitForNewConnection();
  co_return data;
}
