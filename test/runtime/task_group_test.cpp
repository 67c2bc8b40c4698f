#include "aio/task_group.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

using namespace std::chrono_literals;

namespace {

aio::task<> record_after(std::vector<int> &out, int id,
                         std::chrono::seconds d) {
  co_await aio::sleep(d);
  out.push_back(id);
}

aio::task<> fail_after(std::chrono::seconds d, const char *what) {
  co_await aio::sleep(d);
  throw std::runtime_error(what);
}

} // namespace

TEST(TaskGroup, JoinWaitsForAllChildren) {
  aio::event_loop loop(aio_test::manual_options());
  std::vector<int> out;
  auto body = [&]() -> aio::task<> {
    aio::task_group group;
    group.spawn(record_after(out, 2, 2s));
    group.spawn(record_after(out, 1, 1s));
    group.spawn(record_after(out, 3, 3s));
    EXPECT_EQ(group.running(), 3U);
    co_await group.join();
    EXPECT_EQ(group.running(), 0U);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(out, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(aio_test::elapsed(loop), 3s);
}

TEST(TaskGroup, EmptyJoinIsImmediate) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    aio::task_group group;
    co_await group.join();
  };
  loop.run_until_complete(body());
}

TEST(TaskGroup, FailureCancelsSiblingsAndRethrowsFirst) {
  aio::event_loop loop(aio_test::manual_options());
  std::vector<int> out;
  auto body = [&]() -> aio::task<std::size_t> {
    aio::task_group group;
    group.spawn(record_after(out, 1, 1h));
    group.spawn(fail_after(1s, "first"));
    group.spawn(fail_after(1s, "second"));
    try {
      co_await group.join();
    } catch (const std::runtime_error &e) {
      EXPECT_STREQ(e.what(), "first");
    }
    co_return group.errors().size();
  };
  EXPECT_EQ(loop.run_until_complete(body()), 2U);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
}

TEST(TaskGroup, SpawnAfterFailureIsCancelled) {
  aio::event_loop loop(aio_test::manual_options());
  bool ran = false;
  auto body = [&]() -> aio::task<> {
    aio::task_group group;
    group.spawn(fail_after(0s, "x"));
    co_await aio::sleep(1s);
    auto child = [&]() -> aio::task<> {
      ran = true;
      co_return;
    };
    group.spawn(child());
    EXPECT_THROW(co_await group.join(), std::runtime_error);
  };
  loop.run_until_complete(body());
  EXPECT_FALSE(ran);
}

TEST(TaskGroup, CancellingJoinerCancelsChildren) {
  aio::event_loop loop(aio_test::manual_options());
  std::vector<int> out;
  auto body = [&]() -> aio::task<> {
    auto parent = [&]() -> aio::task<> {
      aio::task_group group;
      group.spawn(record_after(out, 1, 1h));
      group.spawn(record_after(out, 2, 2h));
      co_await group.join();
    };
    auto h = aio::create_task(parent());
    co_await aio::sleep(1s);
    h.cancel();
    EXPECT_THROW(co_await h, aio::cancelled_error);
    EXPECT_TRUE(h.cancelled());
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
}

TEST(TaskGroup, PendingCancelAtJoinStillWaitsForChildren) {
  aio::event_loop loop(aio_test::manual_options());
  int cleaned = 0;
  auto body = [&]() -> aio::task<> {
    aio::task_handle<void> *self = nullptr;
    auto parent = [&]() -> aio::task<> {
      aio::task_group group;
      auto child = [&]() -> aio::task<> {
        try {
          co_await aio::sleep(1h);
        } catch (const aio::cancelled_error &) {
          ++cleaned;
          throw;
        }
      };
      group.spawn(child());
      co_await aio::yield(); // the child starts and sleeps
      self->cancel();        // pending: delivered at join()
      co_await group.join();
    };
    auto h = aio::create_task(parent());
    self = &h;
    EXPECT_THROW(co_await h, aio::cancelled_error);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(cleaned, 1);
  EXPECT_EQ(aio_test::elapsed(loop), 0s);
}

TEST(TaskGroup, ExplicitCancel) {
  aio::event_loop loop(aio_test::manual_options());
  std::vector<int> out;
  auto body = [&]() -> aio::task<> {
    aio::task_group group;
    group.spawn(record_after(out, 1, 1h));
    co_await aio::sleep(1s);
    group.cancel();
    co_await group.join(); // cancellations are not errors
    EXPECT_TRUE(group.errors().empty());
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(out.empty());
}

TEST(TaskGroup, DestroyedUnjoinedDestroysChildrenAndReports) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto alive = std::make_shared<int>(0);
  auto body = [&]() -> aio::task<> {
    {
      aio::task_group group;
      auto child = [](std::shared_ptr<int> keep) -> aio::task<> {
        co_await aio::sleep(1h);
        ++*keep;
      };
      group.spawn(child(alive));
      co_await aio::yield();
      EXPECT_EQ(alive.use_count(), 2);
    } // not joined
    EXPECT_EQ(alive.use_count(), 1);
    co_await aio::sleep(2h);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(*alive, 0);
  ASSERT_EQ(rec.count(aio::report_kind::group_not_joined), 1U);
  EXPECT_NE(rec.first(aio::report_kind::group_not_joined)
                ->where.file.find("task_group_test.cpp"),
            std::string::npos);
  ASSERT_EQ(rec.exceptions.size(), 1U);
}

TEST(TaskGroup, JoinedGroupReportsNothing) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  std::vector<int> out;
  auto body = [&]() -> aio::task<> {
    aio::task_group group;
    group.spawn(record_after(out, 1, 1s));
    co_await group.join();
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(rec.reports.empty());
  EXPECT_TRUE(rec.exceptions.empty());
}

TEST(TaskGroup, FailedUnjoinedGroupReportsError) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec));
  auto body = [&]() -> aio::task<> {
    aio::task_group group;
    group.spawn(fail_after(0s, "lost"));
    co_await aio::sleep(1s);
  };
  loop.run_until_complete(body());
  ASSERT_EQ(rec.exceptions.size(), 1U);
  EXPECT_EQ(rec.exceptions[0].message,
            "task_group failed and was never joined");
}
