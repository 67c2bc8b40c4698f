// Runs with LD_PRELOAD=libaio_blockdetect.so (set by ctest): a coroutine step
// that ends with a thread mutex it locked still held is reported.

#include "aio/aio.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <shared_mutex>
#include <string>

#include <dlfcn.h>

using aio::report_kind;

namespace {

class LockDetect : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_NE(::dlsym(RTLD_DEFAULT, "aio_blockdetect_locks_held_since"), nullptr)
        << "run with LD_PRELOAD=libaio_blockdetect.so";
  }
};

bool in_this_file(const aio::code_location &where) {
  return where.file.find("lockdetect_test.cpp") != std::string::npos;
}

} // namespace

TEST_F(LockDetect, GuardHeldAcrossAwaitIsReportedWhereItLocked) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  std::mutex cache_mutex;
  unsigned line = 0;
  int value = 0;
  auto body = [&]() -> aio::task<> {
    line = __LINE__ + 1;
    std::lock_guard guard(cache_mutex);
    co_await aio::yield();
    ++value;
  };
  loop.run_until_complete(body());
  EXPECT_EQ(value, 1);
  ASSERT_EQ(rec.count(report_kind::lock_held_across_suspension), 1U);
  const auto &r = *rec.first(report_kind::lock_held_across_suspension);
  EXPECT_TRUE(in_this_file(r.where)) << aio::format(r);
  EXPECT_EQ(r.where.line, line) << aio::format(r);
  EXPECT_NE(r.message.find("still held"), std::string::npos);
  EXPECT_EQ(aio::to_string(r.kind), "lock-held-across-suspension");
}

TEST_F(LockDetect, ManualAndSharedLocksAreReportedOncePerStep) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  std::mutex log_mutex;
  std::shared_mutex table_mutex;
  auto body = [&]() -> aio::task<> {
    log_mutex.lock();
    co_await aio::yield();
    co_await aio::yield();
    log_mutex.unlock();
    std::shared_lock reader(table_mutex);
    co_await aio::yield();
  };
  loop.run_until_complete(body());
  // One report for the step that locked each; the steps in between, which
  // took no new lock, are not reported again.
  EXPECT_EQ(rec.count(report_kind::lock_held_across_suspension), 2U);
}

TEST_F(LockDetect, LocksReleasedBeforeSuspendingAndAsyncMutexesAreClean) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  std::mutex cache_mutex;
  aio::mutex io_mutex;
  int value = 0;
  auto body = [&]() -> aio::task<> {
    {
      std::lock_guard guard(cache_mutex);
      ++value;
    }
    co_await aio::yield();
    std::unique_lock lock(cache_mutex);
    ++value;
    lock.unlock();
    co_await aio::yield();
    auto guard = co_await io_mutex.scoped_lock();
    co_await aio::yield();
    ++value;
  };
  loop.run_until_complete(body());
  EXPECT_EQ(value, 3);
  EXPECT_EQ(rec.count(report_kind::lock_held_across_suspension), 0U);
}

TEST_F(LockDetect, OutsideDebugModeNothingIsReported) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, false));
  std::mutex cache_mutex;
  auto body = [&]() -> aio::task<> {
    std::lock_guard guard(cache_mutex);
    co_await aio::yield();
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(rec.reports.empty());
}
