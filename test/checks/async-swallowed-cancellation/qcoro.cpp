// QCoro has no cancellation: a QCoro::Task runs to its end whatever happens
// to its Task object, so a catch-all handler in it swallows no
// cancellation. Against the real QCoro and Qt headers.
// REQUIRES: qcoro
// RUN: %check_async %s async-swallowed-cancellation %t -- %qcoro_flags

#include <QCoroNetworkReply>
#include <QCoroTask>
#include <QCoroTimer>

#include <QNetworkAccessManager>

#include <chrono>
#include <exception>

using namespace std::chrono_literals;

void logFailure();

QCoro::Task<> poll(QNetworkAccessManager &nam, QUrl url) {
  for (;;) {
    try {
      QNetworkReply *reply = co_await nam.get(QNetworkRequest(url));
      reply->deleteLater();
      co_await QCoro::sleepFor(1s);
    } catch (...) {
      logFailure();
    }
  }
}
