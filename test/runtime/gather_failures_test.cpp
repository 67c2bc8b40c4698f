// How gather raises the failures of the awaitables it runs: one failure as
// itself, several landing in the same step as aio::exception_group.

#include "aio/gather.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

// Fails after `d` with `message`; nothing suspends between waking and
// throwing, so a cancellation arriving meanwhile cannot stop the failure.
aio::task<int> fail_after(std::chrono::seconds d, std::string message) {
  co_await aio::sleep(d);
  throw std::runtime_error(message);
}

std::vector<std::string> messages(const aio::exception_group &group) {
  std::vector<std::string> out;
  for (const auto &error : group.exceptions()) {
    try {
      std::rethrow_exception(error);
    } catch (const std::exception &e) {
      out.emplace_back(e.what());
    }
  }
  return out;
}

} // namespace

TEST(GatherFailures, TwoFailuresInOneStepRaiseExceptionGroup) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<std::vector<std::string>> {
    try {
      co_await aio::gather(fail_after(1s, "first"), fail_after(1s, "second"));
    } catch (const aio::exception_group &group) {
      co_return messages(group);
    }
    co_return {};
  };
  EXPECT_EQ(loop.run_until_complete(body()),
            (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
}

TEST(GatherFailures, RangeWithTwoFailuresInOneStepRaisesExceptionGroup) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<std::size_t> {
    std::vector<aio::task<int>> tasks;
    tasks.push_back(fail_after(1s, "first"));
    tasks.push_back(fail_after(1s, "second"));
    tasks.push_back(fail_after(1h, "never"));
    try {
      co_await aio::gather(std::move(tasks));
    } catch (const aio::exception_group &group) {
      co_return group.size();
    }
    co_return 0;
  };
  EXPECT_EQ(loop.run_until_complete(body()), 2U);
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
}

TEST(GatherFailures, SingleFailureIsRethrownAsItself) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<std::string> {
    try {
      co_await aio::gather(fail_after(1s, "only"), fail_after(1h, "never"));
    } catch (const std::runtime_error &e) {
      co_return e.what();
    }
    co_return "";
  };
  EXPECT_EQ(loop.run_until_complete(body()), "only");
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
}
