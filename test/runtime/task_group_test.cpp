#include "aio/task_group.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
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

// Every task waiting in join() wakes when the last child ends, and each
// gets the same outcome.
TEST(TaskGroup, SeveralJoinersAllWakeWithTheSameOutcome) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  auto body = [&]() -> aio::task<> {
    aio::task_group group;
    group.spawn(fail_after(1s, "boom"));
    auto joiner = [&]() -> aio::task<std::string> {
      try {
        co_await group.join();
      } catch (const std::runtime_error &e) {
        co_return e.what();
      }
      co_return "no error";
    };
    auto first = aio::create_task(joiner());
    auto second = aio::create_task(joiner());
    co_await aio::yield(); // both wait
    EXPECT_EQ(co_await first, "boom");
    EXPECT_EQ(co_await second, "boom");
    EXPECT_THROW(co_await group.join(), std::runtime_error);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
  EXPECT_TRUE(rec.exceptions.empty());
}

TEST(TaskGroup, EmptyJoinIsImmediate) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    aio::task_group group;
    co_await group.join();
  };
  loop.run_until_complete(body());
}

TEST(TaskGroup, FailuresCancelSiblingsAndJoinRaisesThemAsAGroup) {
  aio::event_loop loop(aio_test::manual_options());
  std::vector<int> out;
  auto body = [&]() -> aio::task<std::size_t> {
    aio::task_group group;
    group.spawn(record_after(out, 1, 1h));
    group.spawn(fail_after(1s, "first"));
    group.spawn(fail_after(1s, "second"));
    try {
      co_await group.join();
    } catch (const aio::exception_group &e) {
      EXPECT_EQ(e.size(), 2U);
      EXPECT_STREQ(e.what(), "aio: 2 tasks failed; first: first");
      EXPECT_EQ(e.first(), group.errors().front());
      EXPECT_EQ(e.exceptions(), group.errors());
    }
    co_return group.errors().size();
  };
  EXPECT_EQ(loop.run_until_complete(body()), 2U);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
}

TEST(TaskGroup, SingleFailureIsRethrownAsItself) {
  aio::event_loop loop(aio_test::manual_options());
  std::vector<int> out;
  auto body = [&]() -> aio::task<> {
    aio::task_group group;
    group.spawn(record_after(out, 1, 1h));
    group.spawn(fail_after(1s, "only"));
    try {
      co_await group.join();
      ADD_FAILURE() << "join() did not throw";
    } catch (const std::runtime_error &e) {
      EXPECT_STREQ(e.what(), "only");
    }
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(out.empty());
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

// --- with_task_group: the scoped form

namespace {

// Sleeps for `d`; if cancelled, counts its cleanup and lets the
// cancellation out.
aio::task<> sleep_with_cleanup(std::chrono::seconds d, int &cleaned) {
  try {
    co_await aio::sleep(d);
  } catch (const aio::cancelled_error &) {
    ++cleaned;
    throw;
  }
}

} // namespace

TEST(WithTaskGroup, ReturnsTheBodysValueOnceEveryChildHasEnded) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  std::vector<int> out;
  auto body = [&]() -> aio::task<int> {
    int spawned = co_await aio::with_task_group(
        [&](aio::task_group &group) -> aio::task<int> {
          group.spawn(record_after(out, 2, 2s));
          group.spawn(record_after(out, 1, 1s));
          co_return 2;
        });
    EXPECT_EQ(out, (std::vector<int>{1, 2}));
    co_return spawned;
  };
  EXPECT_EQ(loop.run_until_complete(body()), 2);
  EXPECT_EQ(aio_test::elapsed(loop), 2s);
  EXPECT_TRUE(rec.reports.empty());
  EXPECT_TRUE(rec.exceptions.empty());
}

// The body fails: the children are cancelled, their cleanup runs, and the
// body's exception leaves once they have ended.
TEST(WithTaskGroup, BodyFailureCancelsAndAwaitsChildren) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  int cleaned = 0;
  auto body = [&]() -> aio::task<> {
    try {
      co_await aio::with_task_group(
          [&](aio::task_group &group) -> aio::task<> {
            group.spawn(sleep_with_cleanup(1h, cleaned));
            group.spawn(sleep_with_cleanup(2h, cleaned));
            co_await aio::sleep(1s);
            EXPECT_EQ(cleaned, 0);
            throw std::runtime_error("body");
          });
      ADD_FAILURE() << "with_task_group did not throw";
    } catch (const std::runtime_error &e) {
      EXPECT_STREQ(e.what(), "body");
    }
    EXPECT_EQ(cleaned, 2);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(cleaned, 2);
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
  EXPECT_TRUE(rec.reports.empty());
  EXPECT_TRUE(rec.exceptions.empty());
}

// A child fails: its siblings and the body are cancelled; what leaves is the
// child's failure, not the body's cancellation.
TEST(WithTaskGroup, ChildFailureCancelsTheBody) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  int cleaned = 0;
  bool body_went_on = false;
  auto body = [&]() -> aio::task<> {
    try {
      co_await aio::with_task_group([&](aio::task_group &group) -> aio::task<> {
        group.spawn(sleep_with_cleanup(1h, cleaned));
        group.spawn(fail_after(1s, "child"));
        co_await sleep_with_cleanup(1h, cleaned);
        body_went_on = true;
      });
      ADD_FAILURE() << "with_task_group did not throw";
    } catch (const std::runtime_error &e) {
      EXPECT_STREQ(e.what(), "child");
    }
  };
  loop.run_until_complete(body());
  EXPECT_FALSE(body_went_on);
  EXPECT_EQ(cleaned, 2); // the sibling and the body
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
  EXPECT_TRUE(rec.reports.empty());
  EXPECT_TRUE(rec.exceptions.empty());
}

// The body swallows the group's cancellation and returns: the child's
// failure still leaves.
TEST(WithTaskGroup, BodyIgnoringItsCancellationStillRaisesTheFailure) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    EXPECT_THROW(co_await aio::with_task_group(
                     [&](aio::task_group &group) -> aio::task<int> {
                       group.spawn(fail_after(1s, "child"));
                       try {
                         co_await aio::sleep(1h);
                       } catch (const aio::cancelled_error &) {
                       }
                       co_return 1;
                     }),
                 std::runtime_error);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
}

TEST(WithTaskGroup, SeveralFailuresRaiseAnExceptionGroupInOrder) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    try {
      co_await aio::with_task_group([&](aio::task_group &group) -> aio::task<> {
        group.spawn(fail_after(1s, "first"));
        group.spawn(fail_after(1s, "second"));
        try {
          co_await aio::sleep(1h);
        } catch (const aio::cancelled_error &) { // by the first failure
          throw std::runtime_error("body");
        }
      });
      ADD_FAILURE() << "with_task_group did not throw";
    } catch (const aio::exception_group &e) {
      EXPECT_EQ(e.size(), 3U);
      std::vector<std::string> messages;
      for (const std::exception_ptr &error : e.exceptions()) {
        try {
          std::rethrow_exception(error);
        } catch (const std::runtime_error &failure) {
          messages.push_back(failure.what());
        }
      }
      EXPECT_EQ(messages, (std::vector<std::string>{"first", "second", "body"}));
      EXPECT_EQ(e.first(), e.exceptions().front());
      EXPECT_STREQ(e.what(), "aio: 3 tasks failed; first: first");
    }
  };
  loop.run_until_complete(body());
}

// The body waits in join() and lets its error out: it is the same failure,
// raised once.
TEST(WithTaskGroup, BodyRethrowingJoinsFailureCountsItOnce) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    try {
      co_await aio::with_task_group([&](aio::task_group &group) -> aio::task<> {
        group.spawn(fail_after(1s, "child"));
        co_await group.join();
      });
      ADD_FAILURE() << "with_task_group did not throw";
    } catch (const std::runtime_error &e) {
      EXPECT_STREQ(e.what(), "child");
    }
    try {
      co_await aio::with_task_group([&](aio::task_group &group) -> aio::task<> {
        group.spawn(fail_after(1s, "first"));
        group.spawn(fail_after(1s, "second"));
        co_await group.join();
      });
      ADD_FAILURE() << "with_task_group did not throw";
    } catch (const aio::exception_group &e) {
      EXPECT_EQ(e.size(), 2U);
    }
  };
  loop.run_until_complete(body());
}

// Cancelling the caller cancels the body and the children, waits for their
// cleanup, then lets cancelled_error out.
TEST(WithTaskGroup, CancellingTheCallerCancelsAndAwaitsEverything) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  int cleaned = 0;
  auto body = [&]() -> aio::task<> {
    auto scope = [&]() -> aio::task<> {
      co_await aio::with_task_group([&](aio::task_group &group) -> aio::task<> {
        group.spawn(sleep_with_cleanup(1h, cleaned));
        co_await sleep_with_cleanup(2h, cleaned);
      });
    };
    auto h = aio::create_task(scope());
    co_await aio::sleep(1s);
    h.cancel();
    EXPECT_THROW(co_await h, aio::cancelled_error);
    EXPECT_TRUE(h.cancelled());
    EXPECT_EQ(cleaned, 2);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
  EXPECT_TRUE(rec.reports.empty());
  EXPECT_TRUE(rec.exceptions.empty());
}

// A timeout is a cancellation of the caller: the child holding the mutex
// runs its cleanup and unlocks it before timeout_error leaves.
TEST(WithTaskGroup, TimeoutReleasesWhatChildrenHold) {
  aio_test::recorder rec;
  aio::event_loop loop(aio_test::manual_options(&rec, true));
  aio::mutex m;
  int cleaned = 0;
  auto hold = [&]() -> aio::task<> {
    auto guard = co_await m.scoped_lock();
    co_await sleep_with_cleanup(1h, cleaned);
  };
  auto body = [&]() -> aio::task<> {
    EXPECT_THROW(co_await aio::wait_for(
                     aio::with_task_group(
                         [&](aio::task_group &group) -> aio::task<> {
                           group.spawn(hold());
                           group.spawn(hold()); // waits for the lock
                           co_return;
                         }),
                     1s),
                 aio::timeout_error);
    EXPECT_FALSE(m.locked());
  };
  loop.run_until_complete(body());
  EXPECT_EQ(cleaned, 1);
  EXPECT_FALSE(m.locked());
  EXPECT_TRUE(rec.exceptions.empty());
}

// The body fails right after handing the lock to a child that has not run
// yet: the child, cancelled, still gets to run and unlock.
TEST(WithTaskGroup, LockGrantedToAChildIsNotLostWhenTheBodyFails) {
  aio::event_loop loop(aio_test::manual_options());
  aio::mutex m;
  bool child_locked = false;
  auto child = [&]() -> aio::task<> {
    auto guard = co_await m.scoped_lock();
    child_locked = true;
  };
  auto body = [&]() -> aio::task<> {
    EXPECT_THROW(co_await aio::with_task_group(
                     [&](aio::task_group &group) -> aio::task<> {
                       auto guard = co_await m.scoped_lock();
                       group.spawn(child());
                       co_await aio::yield(); // the child waits
                       guard.unlock();        // and is granted the lock
                       throw std::runtime_error("body");
                     }),
                 std::runtime_error);
    EXPECT_FALSE(m.locked());
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(child_locked);
}

// The body's own cancellation (not the group's, not the caller's) leaves as
// cancelled_error.
TEST(WithTaskGroup, BodyEndingByItsOwnCancellationLetsItOut) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = [&]() -> aio::task<> {
    auto nap = []() -> aio::task<> { co_await aio::sleep(1h); };
    auto never = aio::create_task(nap());
    never.cancel();
    EXPECT_THROW(co_await aio::with_task_group(
                     [&](aio::task_group &) -> aio::task<> { co_await never; }),
                 aio::cancelled_error);
  };
  loop.run_until_complete(body());
}

// Nested scopes: the inner group's failure leaves the inner call and is
// caught in the outer body; the outer group goes on.
TEST(WithTaskGroup, NestedScopes) {
  aio::event_loop loop(aio_test::manual_options());
  std::vector<int> out;
  auto body = [&]() -> aio::task<int> {
    co_return co_await aio::with_task_group(
        [&](aio::task_group &outer) -> aio::task<int> {
          outer.spawn(record_after(out, 1, 2s));
          try {
            co_await aio::with_task_group(
                [&](aio::task_group &inner) -> aio::task<> {
                  inner.spawn(fail_after(1s, "inner"));
                  co_await aio::sleep(1h);
                });
          } catch (const std::runtime_error &) {
            co_return 7;
          }
          co_return 0;
        });
  };
  EXPECT_EQ(loop.run_until_complete(body()), 7);
  EXPECT_EQ(out, (std::vector<int>{1}));
  EXPECT_EQ(aio_test::elapsed(loop), 2s);
}

// A scope still running when the loop's shutdown gives up (its tasks ignore
// the cancellation) is destroyed whole without touching freed memory
// (checked by AddressSanitizer).
TEST(WithTaskGroup, LoopTeardownMidScopeIsClean) {
  auto alive = std::make_shared<int>(0);
  {
    aio::event_loop loop(aio_test::manual_options());
    auto keep = [](std::shared_ptr<int> held) -> aio::task<> {
      bool cancelled = false;
      try {
        co_await aio::sleep(1h);
      } catch (const aio::cancelled_error &) {
        cancelled = true;
      }
      if (cancelled) {
        co_await aio::sleep(1h); // past the shutdown's grace
      }
      ++*held;
    };
    auto body = [&]() -> aio::task<> {
      aio::spawn_detached(aio::with_task_group(
          [&](aio::task_group &group) -> aio::task<> {
            group.spawn(keep(alive));
            co_await keep(alive);
          }));
      co_await aio::sleep(1s);
    };
    loop.run_until_complete(body());
    EXPECT_EQ(alive.use_count(), 1); // both frames destroyed
  }
  EXPECT_EQ(alive.use_count(), 1);
  EXPECT_EQ(*alive, 0);
}

// The loop is destroyed while two tasks wait in the same group's join():
// the frames go in any order without touching freed memory.
TEST(TaskGroup, SeveralJoinersAtLoopTeardown) {
  aio::event_loop loop(aio_test::manual_options());
  std::vector<int> out;
  auto owner = [&]() -> aio::task<> {
    aio::task_group group;
    group.spawn(record_after(out, 1, 1h));
    auto other = [&]() -> aio::task<> { co_await group.join(); };
    aio::spawn_detached(other());
    co_await group.join();
  };
  auto body = [&]() -> aio::task<> {
    aio::spawn_detached(owner());
    co_await aio::sleep(1s);
  };
  loop.run_until_complete(body());
  EXPECT_TRUE(out.empty());
}
