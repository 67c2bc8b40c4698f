// GoogleTest's assertion macros expand to code the user did not write (the
// statement of EXPECT_NO_THROW is placed in a block of the macro's own); what
// the user writes in the arguments is still reported.
// RUN: %check_async %s async-detached-task %t

#include <gtest/gtest.h>

#include <aio/aio.hpp>

aio::task<int> audit(int id);

aio::task<> checks(int id) {
  EXPECT_NO_THROW(aio::create_task(audit(id)));
  EXPECT_NO_THROW(aio::spawn_detached(audit(id)));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: call to 'aio::spawn_detached' detaches the work; nobody awaits it or sees its failure [async-detached-task]
  auto handle = aio::create_task(audit(id));
  EXPECT_FALSE(handle.done());
  EXPECT_EQ(co_await handle, 1);
}

TEST(Audit, Runs) {
  ASSERT_NO_THROW(aio::run(checks(1)));
  EXPECT_EQ(aio::run(audit(1)), 1);
  ASSERT_NO_THROW(aio::create_task(audit(2)));
}
