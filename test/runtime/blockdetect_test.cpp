// Runs with LD_PRELOAD=libaio_blockdetect.so (set by ctest).

#include "aio/aio.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <latch>
#include <mutex>
#include <semaphore>
#include <shared_mutex>
#include <string>
#include <thread>

#include <dlfcn.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

using namespace std::chrono_literals;
using aio::report_kind;

namespace {

class BlockDetect : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_NE(::dlsym(RTLD_DEFAULT, "aio_blockdetect_install"), nullptr)
        << "run with LD_PRELOAD=libaio_blockdetect.so";
    char pattern[] = "/tmp/aio-blockdetect-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // The names of the calls reported, in order.
  static std::vector<std::string> calls(const aio_test::recorder &rec) {
    std::vector<std::string> names;
    for (const auto &r : rec.reports) {
      if (r.kind == report_kind::blocking_call) {
        auto start = r.message.find("to ") + 3;
        names.push_back(r.message.substr(start, r.message.find("()") - start));
      }
    }
    return names;
  }

  std::filesystem::path dir_;
};

bool in_this_file(const aio::code_location &where) {
  return where.file.find("blockdetect_test.cpp") != std::string::npos;
}

} // namespace

TEST_F(BlockDetect, SleepInAStepIsReportedAtTheCall) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  unsigned line = 0;
  auto body = [&]() -> aio::task<> {
    line = __LINE__ + 1;
    ::usleep(0);
    co_return;
  };
  loop.run_until_complete(body());
  ASSERT_EQ(calls(rec), (std::vector<std::string>{"usleep"}));
  const auto &r = rec.reports.front();
  EXPECT_TRUE(in_this_file(r.where)) << aio::format(r);
  EXPECT_EQ(r.where.line, line) << aio::format(r);
  EXPECT_FALSE(r.task_name.empty());
}

TEST_F(BlockDetect, StdSleepForIsReportedInUserCode) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  unsigned line = 0;
  auto body = [&]() -> aio::task<> {
    line = __LINE__ + 1;
    std::this_thread::sleep_for(1ns);
    co_return;
  };
  loop.run_until_complete(body());
  ASSERT_EQ(calls(rec), (std::vector<std::string>{"nanosleep"}));
  EXPECT_EQ(rec.reports.front().where.line, line)
      << aio::format(rec.reports.front());
}

TEST_F(BlockDetect, RegularFileIoIsReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  const std::string path = (dir_ / "f").string();
  auto body = [&]() -> aio::task<> {
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT, 0600);
    char c = 'x';
    EXPECT_EQ(::write(fd, &c, 1), 1);
    EXPECT_EQ(::pread(fd, &c, 1, 0), 1);
    ::fsync(fd);
    ::close(fd);
    co_return;
  };
  loop.run_until_complete(body());
  EXPECT_EQ(calls(rec),
            (std::vector<std::string>{"open", "write", "pread", "fsync"}));
}

TEST_F(BlockDetect, ThreadsProcessesAndLookupsAreReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto body = [&]() -> aio::task<> {
    std::thread t([] {});
    t.join();
    addrinfo hints{};
    hints.ai_flags = AI_NUMERICHOST;
    addrinfo *result = nullptr;
    if (::getaddrinfo("127.0.0.1", nullptr, &hints, &result) == 0) {
      ::freeaddrinfo(result);
    }
    EXPECT_EQ(std::system("true"), 0);
    co_return;
  };
  loop.run_until_complete(body());
  auto names = calls(rec);
  EXPECT_NE(std::find(names.begin(), names.end(), "pthread_join"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "getaddrinfo"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "system"), names.end());
}

TEST_F(BlockDetect, FutureWaitIsReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  std::promise<int> never_set;
  auto body = [&]() -> aio::task<> {
    auto f = never_set.get_future();
    EXPECT_EQ(f.wait_for(1ns), std::future_status::timeout);
    co_return;
  };
  loop.run_until_complete(body());
  EXPECT_EQ(calls(rec), (std::vector<std::string>{"std::future::wait"}));
}

TEST_F(BlockDetect, StdAsyncGetIsReportedAtTheUserLine) {
  // The wait happens deep in libstdc++ and glibc (whose separate debug
  // information names their own sources): the report names this line.
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  unsigned line = 0;
  auto body = [&]() -> aio::task<int> {
    line = __LINE__ + 1;
    int value = std::async(std::launch::async, [] { return 7; }).get();
    co_return value;
  };
  EXPECT_EQ(loop.run_until_complete(body()), 7);
  ASSERT_FALSE(rec.reports.empty());
  for (const auto &r : rec.reports) {
    EXPECT_EQ(r.kind, report_kind::blocking_call) << aio::format(r);
    EXPECT_TRUE(in_this_file(r.where)) << aio::format(r);
    EXPECT_EQ(r.where.line, line) << aio::format(r);
  }
}

TEST_F(BlockDetect, RuntimeOperationsAreNotReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  const auto path = dir_ / "g";
  auto body = [&]() -> aio::task<> {
    auto f = co_await aio::file::open(path, aio::open_mode::read_write);
    std::string data = "abc";
    co_await f.write(std::as_bytes(std::span(data)));
    co_await f.sync();
    co_await f.close();
    auto listener = aio::tcp_listener::bind("127.0.0.1");
    auto client =
        co_await aio::tcp_stream::connect("127.0.0.1", listener.port());
    auto server = co_await listener.accept();
    co_await client.write(std::as_bytes(std::span(data)));
    std::vector<std::byte> buf(3);
    co_await server.read_exactly(buf);
    // Blocking work belongs on the pool, where it is fine.
    co_await aio::to_thread([] { ::usleep(0); });
    co_await aio::sleep(1s);
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(rec.reports.empty()) << aio::format(rec.reports.front());
}

TEST_F(BlockDetect, OutsideStepsAndOutsideDebugModeAreNotReported) {
  aio_test::recorder rec;
  {
    aio::event_loop loop(aio_test::manual_options(&rec, true));
    ::usleep(0); // no step is running
    loop.run_until_complete([]() -> aio::task<> { co_return; }());
    ::usleep(0);
  }
  {
    aio::event_loop loop(aio_test::manual_options(&rec, false));
    auto body = []() -> aio::task<> {
      ::usleep(0);
      co_return;
    };
    loop.run_until_complete(body());
  }
  EXPECT_TRUE(rec.reports.empty());
}

TEST_F(BlockDetect, EveryInterceptedCallIsReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  const std::string path = (dir_ / "h").string();
  auto body = [&]() -> aio::task<> {
    ::sleep(0);
    timespec zero{};
    ::clock_nanosleep(CLOCK_MONOTONIC, 0, &zero, nullptr);
    ::nanosleep(&zero, nullptr);
    int fd = ::openat(AT_FDCWD, path.c_str(), O_RDWR | O_CREAT, 0600);
    char c = 'x';
    EXPECT_EQ(::pwrite(fd, &c, 1, 0), 1);
    EXPECT_EQ(::read(fd, &c, 1), 1);
    ::fdatasync(fd);
    ::close(fd);
    fd = ::open64(path.c_str(), O_RDONLY);
    ::close(fd);

    // Blocking sockets: a connected pair and a loopback listener.
    int pair[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
    EXPECT_EQ(::send(pair[0], &c, 1, 0), 1);
    EXPECT_EQ(::recv(pair[1], &c, 1, 0), 1);
    EXPECT_EQ(::sendto(pair[0], &c, 1, 0, nullptr, 0), 1);
    EXPECT_EQ(::recvfrom(pair[1], &c, 1, 0, nullptr, nullptr), 1);
    ::close(pair[0]);
    ::close(pair[1]);
    int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    EXPECT_EQ(::bind(listener, reinterpret_cast<sockaddr *>(&addr), len), 0);
    EXPECT_EQ(::listen(listener, 4), 0);
    ::getsockname(listener, reinterpret_cast<sockaddr *>(&addr), &len);
    int a = ::socket(AF_INET, SOCK_STREAM, 0);
    int b = ::socket(AF_INET, SOCK_STREAM, 0);
    EXPECT_EQ(::connect(a, reinterpret_cast<sockaddr *>(&addr), len), 0);
    EXPECT_EQ(::connect(b, reinterpret_cast<sockaddr *>(&addr), len), 0);
    int a2 = ::accept(listener, nullptr, nullptr);
    int b2 = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    for (int s : {listener, a, b, a2, b2}) {
      ::close(s);
    }

    FILE *child = ::popen("true", "r");
    ::pclose(child);
    ::waitpid(-1, nullptr, WNOHANG); // never blocks: not reported

    pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
    timespec past{};
    ::pthread_mutex_lock(&mutex);
    ::pthread_cond_timedwait(&cond, &mutex, &past);
    ::pthread_mutex_unlock(&mutex);

    std::promise<int> never_set;
    auto f = never_set.get_future();
    (void)f.wait_until(std::chrono::system_clock::now() + 1ns);
    co_return;
  };
  loop.run_until_complete(body());
  const std::vector<std::string> expected = {"sleep",
                                             "clock_nanosleep",
                                             "nanosleep",
                                             "openat",
                                             "pwrite",
                                             "read",
                                             "fdatasync",
                                             "open",
                                             "send",
                                             "recv",
                                             "sendto",
                                             "recvfrom",
                                             "connect",
                                             "connect",
                                             "accept",
                                             "accept4",
                                             "popen",
                                             "pclose",
                                             "pthread_cond_timedwait",
                                             "std::future::wait"};
  EXPECT_EQ(calls(rec), expected);
}

TEST_F(BlockDetect, NonBlockingSocketsAreNotReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto body = [&]() -> aio::task<> {
    int pair[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, pair), 0);
    char c = 'x';
    EXPECT_EQ(::write(pair[0], &c, 1), 1);
    EXPECT_EQ(::read(pair[1], &c, 1), 1);
    EXPECT_EQ(::recv(pair[1], &c, 1, 0), -1); // would block: EAGAIN
    ::close(pair[0]);
    ::close(pair[1]);
    co_return;
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(rec.reports.empty());
}

TEST_F(BlockDetect, ConditionVariableWaitForIsReportedAtTheCall) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  std::mutex state_mutex;
  std::condition_variable state_changed;
  unsigned line = 0;
  auto body = [&]() -> aio::task<> {
    std::unique_lock lock(state_mutex);
    line = __LINE__ + 1;
    (void)state_changed.wait_for(lock, 1ns);
    co_return;
  };
  loop.run_until_complete(body());
  // libstdc++ waits on the steady clock where the C library can.
#ifdef _GLIBCXX_USE_PTHREAD_COND_CLOCKWAIT
  const std::string timed_wait = "pthread_cond_clockwait";
#else
  const std::string timed_wait = "pthread_cond_timedwait";
#endif
  ASSERT_EQ(calls(rec), (std::vector<std::string>{timed_wait}));
  EXPECT_TRUE(in_this_file(rec.reports.front().where))
      << aio::format(rec.reports.front());
  EXPECT_EQ(rec.reports.front().where.line, line)
      << aio::format(rec.reports.front());
}

TEST_F(BlockDetect, StdioOnFilesIsReportedButNotOnTheConsole) {
  const std::string path = (dir_ / "settings").string();
  {
    std::FILE *f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("retries=3\n", f);
    std::fclose(f);
  }
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  unsigned line = 0;
  auto body = [&]() -> aio::task<> {
    std::FILE *f = std::fopen(path.c_str(), "r");
    char text[16] = {};
    line = __LINE__ + 1;
    EXPECT_EQ(std::fread(text, 1, 10, f), 10U);
    std::fclose(f);
    // The console is not file I/O (as for the static check).
    std::fprintf(stderr, "%s", "");
    std::fflush(stdout);
    co_return;
  };
  loop.run_until_complete(body());
  ASSERT_EQ(calls(rec),
            (std::vector<std::string>{"fopen", "fread", "fclose"}));
  EXPECT_EQ(rec.reports[1].where.line, line) << aio::format(rec.reports[1]);
}

TEST_F(BlockDetect, BlockingPipeIoIsReportedButNotWakeUpsOrNonBlockingPipes) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto body = [&]() -> aio::task<> {
    int blocking[2];
    int nonblocking[2];
    EXPECT_EQ(::pipe(blocking), 0);
    EXPECT_EQ(::pipe2(nonblocking, O_NONBLOCK), 0);
    char line[32] = "a line longer than a wake-up";
    EXPECT_EQ(::write(blocking[1], line, sizeof line), 32);
    EXPECT_EQ(::read(blocking[0], line, sizeof line), 32);
    // One integer, as an event loop's self-pipe wake-up writes it.
    std::uint64_t one = 1;
    EXPECT_EQ(::write(blocking[1], &one, sizeof one), 8);
    EXPECT_EQ(::read(nonblocking[0], line, sizeof line), -1); // EAGAIN
    for (int fd : {blocking[0], blocking[1], nonblocking[0], nonblocking[1]}) {
      ::close(fd);
    }
    co_return;
  };
  loop.run_until_complete(body());
  EXPECT_EQ(calls(rec), (std::vector<std::string>{"write", "read"}));
}

TEST_F(BlockDetect, PollAndSelectAreReportedUnlessTheyOnlyPeek) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto body = [&]() -> aio::task<> {
    int fds[2];
    EXPECT_EQ(::pipe2(fds, O_NONBLOCK), 0);
    char c = 'x';
    EXPECT_EQ(::write(fds[1], &c, 1), 1);
    // The pipe is readable, so each wait returns at once.
    pollfd readable{fds[0], POLLIN, 0};
    EXPECT_EQ(::poll(&readable, 1, 1000), 1);
    EXPECT_EQ(::ppoll(&readable, 1, nullptr, nullptr), 1);
    fd_set set;
    FD_ZERO(&set);
    FD_SET(fds[0], &set);
    EXPECT_EQ(::select(fds[0] + 1, &set, nullptr, nullptr, nullptr), 1);
    EXPECT_EQ(::pselect(fds[0] + 1, &set, nullptr, nullptr, nullptr, nullptr),
              1);
    // A zero timeout only looks.
    EXPECT_EQ(::poll(&readable, 1, 0), 1);
    timeval no_wait{};
    EXPECT_EQ(::select(fds[0] + 1, &set, nullptr, nullptr, &no_wait), 1);
    ::close(fds[0]);
    ::close(fds[1]);
    co_return;
  };
  loop.run_until_complete(body());
  EXPECT_EQ(calls(rec), (std::vector<std::string>{"poll", "ppoll", "select",
                                                  "pselect"}));
}

TEST_F(BlockDetect, ContendedMutexLockIsReportedBeforeItWaits) {
  std::mutex table_mutex;
  std::latch held(1);
  // Released by the report; the bound only ends the test if none comes.
  std::binary_semaphore release(0);
  bool released = false;
  aio_test::recorder rec;
  aio::loop_options options = aio_test::manual_options(&rec, true);
  options.on_debug_report = [&](const aio::debug_report &r) {
    rec.reports.push_back(r);
    if (r.kind == report_kind::blocking_call && !released) {
      released = true;
      release.release();
    }
  };
  std::thread owner([&] {
    std::lock_guard guard(table_mutex);
    held.count_down();
    (void)release.try_acquire_for(30s);
  });
  held.wait();
  aio::event_loop loop(options);
  unsigned line = 0;
  auto body = [&]() -> aio::task<> {
    line = __LINE__ + 1;
    table_mutex.lock();
    table_mutex.unlock();
    co_return;
  };
  loop.run_until_complete(body());
  owner.join();
  ASSERT_EQ(calls(rec), (std::vector<std::string>{"pthread_mutex_lock"}));
  EXPECT_EQ(rec.reports.front().where.line, line)
      << aio::format(rec.reports.front());
}

TEST_F(BlockDetect, UncontendedMutexLockIsNotReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  std::mutex table_mutex;
  std::shared_mutex index_mutex;
  auto body = [&]() -> aio::task<> {
    {
      std::lock_guard guard(table_mutex);
    }
    table_mutex.lock();
    table_mutex.unlock();
    {
      std::unique_lock writer(index_mutex);
    }
    {
      std::shared_lock reader(index_mutex);
    }
    co_return;
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(rec.reports.empty()) << aio::format(rec.reports.front());
}

TEST_F(BlockDetect, StdioWritesMessagesAndFileStreamsAreReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  const std::string path = (dir_ / "journal").string();
  auto body = [&]() -> aio::task<> {
    // Not constants, which the compiler would turn into other calls.
    const std::string first = "a";
    const std::string second = "b\n";
    std::FILE *f = std::fopen(path.c_str(), "w+");
    std::fwrite(first.data(), 1, first.size(), f);
    std::fputs(second.c_str(), f);
    std::fprintf(f, "%s\n", first.c_str());
    std::fflush(f);
    std::rewind(f);
    char text[8] = {};
    EXPECT_NE(std::fgets(text, sizeof text, f), nullptr);
    std::fclose(f);

    int pair[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
    iovec part{text, 1};
    msghdr message{};
    message.msg_iov = &part;
    message.msg_iovlen = 1;
    EXPECT_EQ(::sendmsg(pair[0], &message, 0), 1);
    EXPECT_EQ(::recvmsg(pair[1], &message, 0), 1);
    ::close(pair[0]);
    ::close(pair[1]);

    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "ab");
    co_return;
  };
  loop.run_until_complete(body());
  EXPECT_EQ(calls(rec),
            (std::vector<std::string>{"fopen", "fwrite", "fputs", "fprintf",
                                      "fflush", "fgets", "fclose", "sendmsg",
                                      "recvmsg", "fopen", "read", "fclose"}));
}
