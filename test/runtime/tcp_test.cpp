#include "aio/tcp.hpp"

#include "aio/gather.hpp"
#include "aio/wait_for.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <system_error>
#include <vector>

using namespace std::chrono_literals;

namespace {

std::span<const std::byte> bytes(const std::string &s) {
  return std::as_bytes(std::span(s.data(), s.size()));
}

std::string text(std::span<const std::byte> b) {
  return std::string(reinterpret_cast<const char *>(b.data()), b.size());
}

aio::task<> echo_once(aio::tcp_listener &listener) {
  auto conn = co_await listener.accept();
  std::vector<std::byte> buf(1024);
  for (;;) {
    std::size_t n = co_await conn.read(buf);
    if (n == 0) {
      break;
    }
    co_await conn.write(std::span(buf).first(n));
  }
}

} // namespace

TEST(Tcp, EchoOverLoopback) {
  aio::event_loop loop;
  auto body = []() -> aio::task<std::string> {
    auto listener = aio::tcp_listener::bind("127.0.0.1");
    EXPECT_NE(listener.port(), 0);
    auto server = aio::create_task(echo_once(listener));
    auto client =
        co_await aio::tcp_stream::connect("127.0.0.1", listener.port());
    EXPECT_EQ(client.remote_port(), listener.port());
    EXPECT_NE(client.local_port(), 0);
    co_await client.write(bytes("ping"));
    std::vector<std::byte> buf(4);
    co_await client.read_exactly(buf);
    client.shutdown_write();
    co_await server;
    std::vector<std::byte> rest(4);
    EXPECT_EQ(co_await client.read(rest), 0U);
    client.close();
    EXPECT_FALSE(client.is_open());
    co_return text(buf);
  };
  EXPECT_EQ(loop.run_until_complete(body()), "ping");
}

TEST(Tcp, LargeTransferExercisesBackpressure) {
  aio::event_loop loop;
  auto body = []() -> aio::task<std::size_t> {
    auto listener = aio::tcp_listener::bind("127.0.0.1");
    std::string payload(8 << 20, 'z');
    auto sender = [&]() -> aio::task<> {
      auto conn = co_await listener.accept();
      co_await conn.write(bytes(payload));
    };
    auto receiver = [&]() -> aio::task<std::size_t> {
      auto conn =
          co_await aio::tcp_stream::connect("127.0.0.1", listener.port());
      std::vector<std::byte> buf(1 << 16);
      std::size_t total = 0;
      while (std::size_t n = co_await conn.read(buf)) {
        total += n;
      }
      co_return total;
    };
    auto [sent, received] = co_await aio::gather(sender(), receiver());
    (void)sent;
    co_return received;
  };
  EXPECT_EQ(loop.run_until_complete(body()), 8U << 20);
}

TEST(Tcp, ConnectionRefused) {
  aio::event_loop loop;
  auto body = []() -> aio::task<> {
    std::uint16_t port = 0;
    {
      auto probe = aio::tcp_listener::bind("127.0.0.1");
      port = probe.port();
    } // closed: nothing listens there now
    (void)co_await aio::tcp_stream::connect("127.0.0.1", port);
  };
  EXPECT_THROW(loop.run_until_complete(body()), std::system_error);
}

TEST(Tcp, BadAddressAndClosedUse) {
  aio::event_loop loop;
  auto body = []() -> aio::task<> {
    EXPECT_THROW((void)co_await aio::tcp_stream::connect("localhost", 1),
                 std::invalid_argument);
    EXPECT_THROW(aio::tcp_listener::bind("not-an-ip"), std::invalid_argument);
    aio::tcp_stream s;
    std::vector<std::byte> buf(1);
    EXPECT_THROW((void)co_await s.read(buf), std::logic_error);
    aio::tcp_listener l;
    EXPECT_THROW((void)co_await l.accept(), std::logic_error);
    EXPECT_THROW((void)l.port(), std::logic_error);
    EXPECT_FALSE(l.is_open());
  };
  loop.run_until_complete(body());
}

TEST(Tcp, ReadTimesOutOnManualClock) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto listener = aio::tcp_listener::bind("127.0.0.1");
    auto client =
        co_await aio::tcp_stream::connect("127.0.0.1", listener.port());
    auto server_side = co_await listener.accept();
    std::vector<std::byte> buf(16);
    // Nobody writes: with the manual clock the timeout fires at once.
    EXPECT_THROW((void)co_await aio::wait_for(client.read(buf), 30s),
                 aio::timeout_error);
    EXPECT_EQ(aio_test::elapsed(loop), 30s);
    // The stream is still usable after the timed-out read.
    co_await server_side.write(bytes("late"));
    std::size_t n = co_await client.read(buf);
    EXPECT_EQ(text(std::span(buf).first(n)), "late");
  };
  loop.run_until_complete(body());
}

TEST(Tcp, AcceptIsCancellable) {
  aio::event_loop loop;
  auto body = []() -> aio::task<> {
    auto listener = aio::tcp_listener::bind("127.0.0.1");
    auto h = aio::create_task(listener.accept());
    co_await aio::yield();
    h.cancel();
    EXPECT_THROW((void)co_await h, aio::cancelled_error);
    listener.close();
  };
  loop.run_until_complete(body());
}

TEST(Tcp, ConcurrentReadsOnOneStreamAreAnError) {
  aio::event_loop loop;
  auto body = []() -> aio::task<> {
    auto listener = aio::tcp_listener::bind("127.0.0.1");
    auto client =
        co_await aio::tcp_stream::connect("127.0.0.1", listener.port());
    auto server_side = co_await listener.accept();
    std::vector<std::byte> a(4);
    std::vector<std::byte> b(4);
    auto first = aio::create_task(client.read(a));
    co_await aio::yield();
    EXPECT_THROW((void)co_await client.read(b), std::logic_error);
    first.cancel();
    EXPECT_THROW((void)co_await first, aio::cancelled_error);
  };
  loop.run_until_complete(body());
}

namespace {

// The error a parked operation ends with, or none if it returned normally.
template <class T>
aio::task<std::error_code> error_of(aio::task<T> operation) {
  try {
    // Bounded so that an operation nobody wakes fails the test, not hangs it.
    (void)co_await aio::wait_for(std::move(operation), 30s);
  } catch (const std::system_error &e) {
    co_return e.code();
  }
  co_return std::error_code{};
}

struct connected_pair {
  aio::tcp_listener listener;
  aio::tcp_stream client;
  aio::tcp_stream server_side;
};

aio::task<connected_pair> connect_pair() {
  connected_pair pair{aio::tcp_listener::bind("127.0.0.1"), {}, {}};
  pair.client =
      co_await aio::tcp_stream::connect("127.0.0.1", pair.listener.port());
  pair.server_side = co_await pair.listener.accept();
  co_return pair;
}

const std::error_code closed_under_it =
    std::make_error_code(std::errc::operation_canceled);

} // namespace

TEST(Tcp, CloseWakesAParkedReader) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto pair = co_await connect_pair();
    std::vector<std::byte> buf(16);
    auto reader = aio::create_task(error_of(pair.client.read(buf)));
    co_await aio::yield(); // nothing to read: the reader parks
    co_await aio::yield();
    pair.client.close();
    EXPECT_EQ(co_await reader, closed_under_it);
    EXPECT_EQ(aio_test::elapsed(loop), 0s);
  };
  loop.run_until_complete(body());
}

TEST(Tcp, DestroyingAStreamWakesItsParkedReader) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto pair = co_await connect_pair();
    std::vector<std::byte> buf(16);
    auto reader = aio::create_task(error_of(pair.client.read(buf)));
    co_await aio::yield();
    co_await aio::yield();
    pair.client = aio::tcp_stream{}; // destroys the old stream's socket
    EXPECT_EQ(co_await reader, closed_under_it);
  };
  loop.run_until_complete(body());
}

TEST(Tcp, CancellingAReaderWokenByCloseIsSafe) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto pair = co_await connect_pair();
    std::vector<std::byte> buf(16);
    auto reader = aio::create_task(pair.client.read(buf));
    co_await aio::yield();
    pair.client.close();
    reader.cancel(); // woken by the close already: this changes nothing
    EXPECT_THROW((void)co_await reader, std::system_error);
  };
  loop.run_until_complete(body());
}

TEST(Tcp, ReaderWokenByDataButClosedBeforeItRunsSeesTheClose) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto data = co_await connect_pair();
    auto signal = co_await connect_pair();
    std::vector<std::byte> buf(16);
    std::vector<std::byte> signal_buf(16);
    auto reader = aio::create_task(error_of(data.client.read(buf)));
    co_await aio::yield(); // the reader parks
    co_await aio::yield();
    auto sender = [&]() -> aio::task<> {
      // One step: epoll reports the signal first, so this task's reader
      // (below) runs before the data reader and closes its stream.
      co_await signal.server_side.write(bytes("s"));
      co_await data.server_side.write(bytes("d"));
    };
    auto send = aio::create_task(sender());
    (void)co_await signal.client.read(signal_buf);
    data.client.close();
    EXPECT_EQ(co_await reader, closed_under_it);
    co_await send;
  };
  loop.run_until_complete(body());
}

TEST(Tcp, CloseWakesAParkedWriter) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto pair = co_await connect_pair();
    // Far more than the socket buffers hold while nobody reads.
    std::string payload(64 << 20, 'w');
    auto writer = aio::create_task(error_of(pair.client.write(bytes(payload))));
    co_await aio::yield(); // the send buffer fills: the writer parks
    co_await aio::yield();
    pair.client.close();
    EXPECT_EQ(co_await writer, closed_under_it);
  };
  loop.run_until_complete(body());
}

TEST(Tcp, ClosingOrDestroyingAListenerWakesItsAcceptor) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto listener = aio::tcp_listener::bind("127.0.0.1");
    auto acceptor = aio::create_task(error_of(listener.accept()));
    co_await aio::yield(); // nobody connects: the acceptor parks
    co_await aio::yield();
    listener.close();
    EXPECT_EQ(co_await acceptor, closed_under_it);

    listener = aio::tcp_listener::bind("127.0.0.1");
    acceptor = aio::create_task(error_of(listener.accept()));
    co_await aio::yield();
    co_await aio::yield();
    listener = aio::tcp_listener{};
    EXPECT_EQ(co_await acceptor, closed_under_it);
  };
  loop.run_until_complete(body());
}

TEST(Tcp, EmptyBuffersReturnAtOnce) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto pair = co_await connect_pair();
    // Nothing to read: a read that waited would hit the timeout.
    EXPECT_EQ(co_await aio::wait_for(pair.client.read({}), 30s), 0U);
    co_await aio::wait_for(pair.client.write({}), 30s);
    co_await aio::wait_for(pair.client.read_exactly({}), 30s);
    EXPECT_EQ(aio_test::elapsed(loop), 0s);
    // The empty read consumed nothing and did not end the stream.
    co_await pair.server_side.write(bytes("x"));
    std::vector<std::byte> buf(4);
    EXPECT_EQ(co_await pair.client.read(buf), 1U);
  };
  loop.run_until_complete(body());
}

TEST(Tcp, StreamAndListenerOutlivingTheirLoopCloseSafely) {
  aio::tcp_listener listener;
  aio::tcp_stream client;
  {
    auto loop = std::make_unique<aio::event_loop>(aio_test::manual_options());
    auto body = [&]() -> aio::task<> {
      listener = aio::tcp_listener::bind("127.0.0.1");
      client = co_await aio::tcp_stream::connect("127.0.0.1", listener.port());
    };
    loop->run_until_complete(body());
  }
  // Their loop and its epoll descriptor are gone: closing must not use them.
  client.close();
  listener.close();
  EXPECT_FALSE(client.is_open() || listener.is_open());
}
