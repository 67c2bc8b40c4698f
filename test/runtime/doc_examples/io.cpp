#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

// [example]
#include "aio/aio.hpp"

#include <filesystem>
#include <string>
#include <vector>

using namespace std::chrono_literals;

// Blocking work goes to the thread pool; the loop keeps running meanwhile.
aio::task<long> checksum(std::string data) {
  co_return co_await aio::to_thread([data = std::move(data)] {
    long sum = 0;
    for (char c : data) {
      sum += c;
    }
    return sum;
  });
}

aio::task<std::string> file_round_trip(std::filesystem::path path) {
  auto out = co_await aio::file::open(path, aio::open_mode::write);
  std::string text = "hello, file";
  co_await out.write(std::as_bytes(std::span(text)));
  co_await out.close();

  auto in = co_await aio::file::open(path, aio::open_mode::read);
  std::vector<std::byte> buffer(64);
  std::size_t n = co_await in.read(buffer);
  co_return std::string(reinterpret_cast<const char *>(buffer.data()), n);
}

aio::task<std::string> tcp_echo() {
  auto listener = aio::tcp_listener::bind("127.0.0.1"); // any free port
  auto serve = [&]() -> aio::task<> {
    auto conn = co_await listener.accept();
    std::vector<std::byte> buffer(256);
    std::size_t n = co_await conn.read(buffer);
    co_await conn.write(std::span(buffer).first(n));
  };
  auto server = aio::create_task(serve());

  auto client = co_await aio::tcp_stream::connect("127.0.0.1", listener.port());
  std::string ping = "ping";
  co_await client.write(std::as_bytes(std::span(ping)));
  std::vector<std::byte> reply(4);
  co_await aio::wait_for(client.read_exactly(reply), 5s); // bounded wait
  co_await server;
  co_return std::string(reinterpret_cast<const char *>(reply.data()), 4);
}
// [/example]

TEST(DocExamples, Io) {
  char pattern[] = "/tmp/aio-doc-XXXXXX";
  ASSERT_NE(::mkdtemp(pattern), nullptr);
  std::filesystem::path dir = pattern;
  EXPECT_EQ(aio::run(checksum("ab")), 'a' + 'b');
  EXPECT_EQ(aio::run(file_round_trip(dir / "f.txt")), "hello, file");
  EXPECT_EQ(aio::run(tcp_echo()), "ping");
  std::filesystem::remove_all(dir);
}
