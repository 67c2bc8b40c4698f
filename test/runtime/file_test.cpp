#include "aio/file.hpp"

#include "aio/event.hpp"
#include "aio/wait_for.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include <fcntl.h>
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
    // The worker read into memory of its own; a cancelled read copies none
    // of it into the caller's buffer.
    EXPECT_EQ(static_cast<char>(buf.back()), '\0');
  };
  loop.run_until_complete(body());
}

namespace {

aio::task<> wait_on_worker(std::shared_future<void> opened) {
  co_await aio::to_thread([opened] { opened.wait(); });
}

// Occupies the only worker of a one-thread pool until release(): file work
// submitted meanwhile is queued behind it, so it runs only after the test has
// torn its caller down.
class occupied_pool {
public:
  aio::task_handle<void> occupy() {
    return aio::create_task(wait_on_worker(opened_));
  }
  void release() { gate_.set_value(); }

private:
  std::promise<void> gate_;
  std::shared_future<void> opened_ = gate_.get_future().share();
};

aio::loop_options one_worker(aio_test::recorder &rec) {
  auto options = aio_test::manual_options(&rec);
  options.thread_pool_size = 1;
  return options;
}

std::string contents(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t open_descriptors() {
  return static_cast<std::size_t>(std::distance(
      std::filesystem::directory_iterator("/proc/self/fd"),
      std::filesystem::directory_iterator{}));
}

} // namespace

TEST_F(File, TimedOutReadOfADestroyedGroupChildLeavesItsBufferAlone) {
  aio_test::recorder rec;
  aio::event_loop loop(one_worker(rec));
  const auto path = dir_ / "big.bin";
  std::ofstream(path) << std::string(1 << 16, 'x');
  occupied_pool pool;
  auto body = [&]() -> aio::task<> {
    auto f = co_await aio::file::open(path, aio::open_mode::read);
    auto occupant = pool.occupy();
    auto reader = [&f]() -> aio::task<> {
      std::vector<std::byte> buf(1 << 16); // dies with this frame
      (void)co_await aio::wait_for(f.read_at(0, buf), 1s);
    };
    try {
      aio::task_group group;
      group.spawn(reader());
      co_await aio::yield(); // the read is queued on the pool
      loop.clock().jump_to(loop.now() + 2s);
      co_await aio::yield(); // the timeout cancels the read
      co_await aio::yield();
      throw std::runtime_error("the group's owner fails");
    } catch (const std::runtime_error &) {
    }
    pool.release();
    co_await occupant;
    co_await aio::to_thread([] {}); // queued after the read: it is over
  };
  loop.run_until_complete(body());
  EXPECT_EQ(rec.exceptions.size(), 1U); // the unjoined group is reported
}

TEST_F(File, WriteOfADestroyedGroupChildGoesToItsOwnFile) {
  aio_test::recorder rec;
  aio::event_loop loop(one_worker(rec));
  const auto own = dir_ / "own.txt";
  const auto other = dir_ / "other.txt";
  occupied_pool pool;
  int reused = -1;
  auto body = [&]() -> aio::task<> {
    auto f = co_await aio::file::open(own, aio::open_mode::write);
    auto occupant = pool.occupy();
    auto writer = [](aio::file file) -> aio::task<> {
      std::string payload = "payload"; // dies with this frame, as does file
      (void)co_await file.write(bytes(payload));
    };
    try {
      aio::task_group group;
      group.spawn(writer(std::move(f)));
      co_await aio::yield(); // the write is queued on the pool
      throw std::runtime_error("the group's owner fails");
    } catch (const std::runtime_error &) {
    }
    // Takes the lowest free descriptor: the child's, had it been closed.
    reused = ::open(other.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
    pool.release();
    co_await occupant;
    co_await aio::to_thread([] {}); // queued after the write: it is over
  };
  loop.run_until_complete(body());
  ASSERT_GE(reused, 0);
  ::close(reused);
  EXPECT_EQ(contents(other), "");
  EXPECT_EQ(contents(own), "payload");
}

TEST_F(File, ReadOfATaskDestroyedWithTheLoopLeavesItsBufferAlone) {
  const auto path = dir_ / "big.bin";
  std::ofstream(path) << std::string(1 << 16, 'x');
  occupied_pool pool;
  aio::file f; // outlives the loop, so only the buffer dies with the task
  // Declared first, destroyed last: opens the pool once the buffer is gone.
  struct release_on_destruction {
    occupied_pool *pool;
    ~release_on_destruction() { pool->release(); }
  };
  {
    aio_test::recorder rec;
    auto options = one_worker(rec);
    // No grace: the shutdown's cancellation cannot finish the read (the only
    // worker is held), so the reader is destroyed with the loop.
    options.shutdown_grace = std::chrono::nanoseconds(0);
    aio::event_loop loop(options);
    auto body = [&]() -> aio::task<> {
      f = co_await aio::file::open(path, aio::open_mode::read);
      (void)pool.occupy();
      auto reader = [](aio::file &file,
                       occupied_pool &blocked) -> aio::task<> {
        release_on_destruction release{&blocked};
        std::vector<std::byte> buf(1 << 16);
        (void)co_await file.read(buf);
      };
      aio::spawn_detached(reader(f, pool));
      co_await aio::yield(); // the read is queued on the pool
    };
    loop.run_until_complete(body());
  } // destroys the reader, then joins the worker that runs its read
}

TEST_F(File, CancelledOpenClosesWhatItOpened) {
  aio_test::recorder rec;
  aio::event_loop loop(one_worker(rec));
  const auto path = dir_ / "x.txt";
  std::ofstream(path) << "x";
  occupied_pool pool;
  const std::size_t before = open_descriptors();
  auto body = [&]() -> aio::task<> {
    auto occupant = pool.occupy();
    auto opener = aio::create_task(aio::file::open(path, aio::open_mode::read));
    co_await aio::yield(); // the open is queued on the pool
    opener.cancel();
    pool.release();
    EXPECT_THROW(co_await opener, aio::cancelled_error);
    co_await occupant;
    co_await aio::to_thread([] {}); // the open job is gone
  };
  loop.run_until_complete(body());
  EXPECT_EQ(open_descriptors(), before);
}

TEST_F(File, EmptyBuffersReturnZeroWithoutThePool) {
  aio_test::recorder rec;
  aio::event_loop loop(one_worker(rec));
  occupied_pool pool;
  auto body = [&]() -> aio::task<> {
    auto f =
        co_await aio::file::open(dir_ / "e.txt", aio::open_mode::read_write);
    auto occupant = pool.occupy();
    // With the only worker busy, anything sent to the pool would still wait.
    std::span<std::byte> none;
    auto read = aio::create_task(f.read(none));
    auto read_at = aio::create_task(f.read_at(5, none));
    auto write = aio::create_task(f.write({}));
    auto write_at = aio::create_task(f.write_at(5, {}));
    co_await aio::yield();
    co_await aio::yield();
    EXPECT_TRUE(read.done() && read_at.done() && write.done() &&
                write_at.done());
    pool.release();
    EXPECT_EQ(co_await read, 0U);
    EXPECT_EQ(co_await read_at, 0U);
    EXPECT_EQ(co_await write, 0U);
    EXPECT_EQ(co_await write_at, 0U);
    EXPECT_EQ(f.position(), 0U);
    co_await occupant;
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
      // The cancellation waits for the worker, whose bytes are dropped.
      log.push_back(static_cast<char>(buf.back()) == 'x' ? "cancelled, filled"
                                                         : "cancelled");
      throw;
    }
  };
  auto body = [&]() -> aio::task<> {
    aio::spawn_detached(reader());
    co_await reading.wait();
  };
  loop.run_until_complete(body());
  EXPECT_EQ(log, std::vector<std::string>{"cancelled"});
  EXPECT_EQ(loop.pending_tasks(), 0U);
  EXPECT_EQ(rec.count(aio::report_kind::ignored_shutdown_cancellation), 0U);
}
