#include "aio/tcp.hpp"

#include "aio/gather.hpp"
#include "aio/wait_for.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

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
