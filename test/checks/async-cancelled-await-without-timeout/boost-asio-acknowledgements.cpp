// Boost.Asio: cancel the operations of a socket or an acceptor, or emit a
// cancellation signal, then wait for the cancelled work to say it stopped:
// a channel it sends to, a timer set never to expire that it cancels.
// REQUIRES: boost-asio
// RUN: %check_async %s async-cancelled-await-without-timeout %t

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/channel.hpp>

#include <chrono>

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;
using tcp = asio::ip::tcp;
using done_channel =
    asio::experimental::channel<void(boost::system::error_code)>;

asio::awaitable<void> reader(tcp::socket &socket, done_channel &done);
asio::awaitable<void> accept_loop(tcp::acceptor &acceptor,
                                  asio::steady_timer &stopped);
asio::awaitable<void> worker(done_channel &done);

asio::awaitable<void> socket_cancelled(tcp::socket &socket) {
  done_channel done(socket.get_executor());
  asio::co_spawn(socket.get_executor(), reader(socket, done), asio::detached);
  socket.cancel();
  co_await done.async_receive(asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'done' is awaited with no timeout, but only work cancelled earlier completes it; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: cancelled here
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'done' is given to the cancelled work here
}

// The accept loop cancels the timer when it ends: the timer is an event.
asio::awaitable<void> acceptor_cancelled(tcp::acceptor &acceptor) {
  asio::steady_timer stopped(acceptor.get_executor());
  stopped.expires_at(asio::steady_timer::time_point::max());
  asio::co_spawn(acceptor.get_executor(), accept_loop(acceptor, stopped),
                 asio::detached);
  acceptor.cancel();
  boost::system::error_code ec;
  co_await stopped.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'stopped' is awaited with no timeout, but only work cancelled earlier completes it; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: cancelled here
  // CHECK-MESSAGES: :[[@LINE-7]]:3: note: 'stopped' is given to the cancelled work here
}

asio::awaitable<void> signal_emitted() {
  auto ex = co_await asio::this_coro::executor;
  asio::cancellation_signal signal;
  done_channel done(ex);
  asio::co_spawn(ex, worker(done),
                 asio::bind_cancellation_slot(signal.slot(), asio::detached));
  signal.emit(asio::cancellation_type::terminal);
  co_await (done.async_receive(asio::use_awaitable) || worker(done));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'done' is awaited with no timeout, but only work cancelled earlier completes it; the await hangs if the work ignores cancellation [async-cancelled-await-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: cancelled here
  // CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'done' is given to the cancelled work here
}

// Clean: the wait races a timer.
asio::awaitable<void> raced_against_timer(tcp::socket &socket) {
  done_channel done(socket.get_executor());
  asio::steady_timer deadline(socket.get_executor(), 5s);
  asio::co_spawn(socket.get_executor(), reader(socket, done), asio::detached);
  socket.cancel();
  co_await (done.async_receive(asio::use_awaitable) ||
            deadline.async_wait(asio::use_awaitable));
}

// Clean: a timer that expires is itself the bound, not an event.
asio::awaitable<void> grace_period(tcp::acceptor &acceptor) {
  asio::steady_timer stopped(acceptor.get_executor());
  stopped.expires_at(asio::steady_timer::time_point::max());
  asio::co_spawn(acceptor.get_executor(), accept_loop(acceptor, stopped),
                 asio::detached);
  acceptor.cancel();
  stopped.expires_after(5s);
  boost::system::error_code ec;
  co_await stopped.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

// Clean: the channel belongs to other work than the cancelled one.
asio::awaitable<void> other_work(tcp::socket &socket, tcp::socket &other) {
  done_channel done(socket.get_executor());
  asio::cancellation_signal signal, unused;
  asio::co_spawn(socket.get_executor(), reader(other, done), asio::detached);
  asio::co_spawn(socket.get_executor(), worker(done),
                 asio::bind_cancellation_slot(signal.slot(), asio::detached));
  socket.cancel();
  unused.emit(asio::cancellation_type::terminal);
  co_await done.async_receive(asio::use_awaitable);
}
