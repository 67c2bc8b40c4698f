#include "aio/file.hpp"

#include "aio/event.hpp"
#include "aio/wait_for.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

using namespace std::chrono_literals;

namespace {

std::span<const std::byte> bytes(const std::string &s) {
  return std::as_bytes(std::span(s.data(), s.size()));
}

std::string text(std::span<const std::byte> b) {
  return std::string(reinterpret_cast<const char *>(b.data()), b.size());
}

class File : public ::testing::Test {
protected:
  void SetUp() override {
    char pattern[] = "/tmp/aio-file-test-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
};

} // namespace

TEST_F(File, WriteThenReadBack) {
  aio::event_loop loop(aio_test::manual_options());
  const auto path = dir_ / "data.txt";
  auto body = [&]() -> aio::task<std::string> {
    auto out = co_await aio::file::open(path, aio::open_mode::write);
    EXPECT_EQ(co_await out.write(bytes("hello ")), 6U);
    EXPECT_EQ(co_await out.write(bytes("world")), 11U - 6U);
    co_await out.sync();
    co_await out.close();
    EXPECT_FALSE(out.is_open());

    auto in = co_await aio::file::open(path, aio::open_mode::read);
    EXPECT_EQ(co_await in.size(), 11U);
    std::vector<std::byte> buf(64);
    std::size_t n = co_await in.read(buf);
    EXPECT_EQ(co_await in.read(buf), 0U); // end of file
    co_await in.close();
    co_return text(std::span(buf).first(n));
  };
  EXPECT_EQ(loop.run_until_complete(body()), "hello world");
  std::ifstream check(path);
  std::string content;
  std::getline(check, content);
  EXPECT_EQ(content, "hello world");
}

TEST_F(File, PositionedReadsAndWrites) {
  aio::event_loop loop(aio_test::manual_options());
  const auto path = dir_ / "rw.bin";
  auto body = [&]() -> aio::task<std::string> {
    auto f = co_await aio::file::open(path, aio::open_mode::read_write);
    co_await f.write_at(0, bytes("0123456789"));
    co_await f.write_at(3, bytes("abc"));
    std::vector<std::byte> buf(4);
    std::size_t n = co_await f.read_at(2, buf);
    EXPECT_EQ(f.position(), 0U);
    f.seek(8);
    std::vector<std::byte> tail(8);
    std::size_t m = co_await f.read(tail);
    EXPECT_EQ(text(std::span(tail).first(m)), "89");
    co_return text(std::span(buf).first(n));
  };
  EXPECT_EQ(loop.run_until_complete(body()), "2abc");
}

TEST_F(File, AppendMode) {
  aio::event_loop loop(aio_test::manual_options());
  const auto path = dir_ / "log.txt";
  auto body = [&]() -> aio::task<std::uint64_t> {
    {
      auto f = co_await aio::file::open(path, aio::open_mode::append);
      co_await f.write(bytes("a"));
    } // closed by the destructor
    auto f = co_await aio::file::open(path, aio::open_mode::append);
    EXPECT_EQ(f.position(), 1U);
    co_await f.write(bytes("b"));
    co_return co_await f.size();
  };
  EXPECT_EQ(loop.run_until_complete(body()), 2U);
}

TEST_F(File, OpenMissingFileFails) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    (void)co_await aio::file::open(dir_ / "missing", aio::open_mode::read);
  };
  EXPECT_THROW(loop.run_until_complete(body()), std::system_error);
}

TEST_F(File, ClosedFileOperationsFail) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    aio::file f;
    std::vector<std::byte> buf(1);
    EXPECT_THROW((void)co_await f.read(buf), std::logic_error);
    EXPECT_THROW((void)co_await f.write_at(0, buf), std::logic_error);
    EXPECT_THROW(co_await f.sync(), std::logic_error);
    EXPECT_THROW((void)co_await f.size(), std::logic_error);
    co_await f.close(); // closing twice is fine
    auto g = co_await aio::file::open(dir_ / "x", aio::open_mode::write);
    aio::file h = std::move(g);
    g = std::move(h);
    EXPECT_TRUE(g.is_open());
  };
  loop.run_until_complete(body());
}

TEST_F(File, CancelledReadWaitsForTheWorkerThenThrows) {
  aio::event_loop loop(aio_test::manual_options());
  const auto path = dir_ / "big.bin";
  auto body = [&]() -> aio::task<> {
    auto f = co_await aio::file::open(path, aio::open_mode::read_write);
    std::string payload(1 << 16, 'x');
    co_await f.write_at(0, bytes(payload));
    std::vector<std::byte> buf(payload.size());
    auto reader = [&]() -> aio::task<std::size_t> {
      co_return co_await f.read_at(0, buf);
    };
    auto h = aio::create_task(reader());
    co_await aio::yield(); // the read is on a worker now
    h.cancel();
    EXPECT_THROW(co_await h, aio::cancelled_error);
    // The buffer is no longer in use here: the worker has finished with it.
    EXPECT_EQ(static_cast<char>(buf.back()), 'x');
  };
  loop.run_until_complete(body());
}

// The shutdown after the main task waits for a read in flight: the reader is
// cancelled, but its buffer stays alive until the worker is done with it,
// and the reader's handler runs.
TEST_F(File, ShutdownWaitsForAReadInFlight) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  const auto path = dir_ / "big.bin";
  std::ofstream(path) << std::string(1 << 16, 'x');
  std::vector<std::string> log;
  aio::event reading;
  auto reader = [&]() -> aio::task<> {
    auto f = co_await aio::file::open(path, aio::open_mode::read);
    std::vector<std::byte> buf(1 << 16);
    try {
      reading.set();
      co_await f.read_at(0, buf);
      log.push_back("read");
    } catch (const aio::cancelled_error &) {
      log.push_back(static_cast<char>(buf.back()) == 'x' ? "cancelled, read"
                                                         : "cancelled early");
      throw;
    }
  };
  auto body = [&]() -> aio::task<> {
    aio::spawn_detached(reader());
    co_await reading.wait();
  };
  loop.run_until_complete(body());
  EXPECT_EQ(log, std::vector<std::string>{"cancelled, read"});
  EXPECT_EQ(loop.pending_tasks(), 0U);
  EXPECT_EQ(rec.count(aio::report_kind::ignored_shutdown_cancellation), 0U);
}
