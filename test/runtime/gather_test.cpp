#include "aio/gather.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

aio::task<int> slow_value(int v, std::chrono::seconds d) {
  co_await aio::sleep(d);
  co_return v;
}

aio::task<std::string> slow_text(std::chrono::seconds d) {
  co_await aio::sleep(d);
  co_return "text";
}

aio::task<> slow_void(std::chrono::seconds d) { co_await aio::sleep(d); }

aio::task<int> fail_after(std::chrono::seconds d) {
  co_await aio::sleep(d);
  throw std::runtime_error("gather child failed");
}

} // namespace

TEST(Gather, VariadicRunsConcurrently) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<> {
    auto [a, b, c] =
        co_await aio::gather(slow_value(1, 3s), slow_text(2s), slow_void(1s));
    EXPECT_EQ(a, 1);
    EXPECT_EQ(b, "text");
    EXPECT_EQ(c, std::monostate{});
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 3s);
}

TEST(Gather, RangeKeepsOrder) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<std::vector<int>> {
    std::vector<aio::task<int>> tasks;
    for (int i = 0; i < 5; ++i) {
      tasks.push_back(slow_value(i, std::chrono::seconds(5 - i)));
    }
    co_return co_await aio::gather(std::move(tasks));
  };
  EXPECT_EQ(loop.run_until_complete(body()), (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(aio_test::elapsed(loop), 5s);
}

TEST(Gather, FailureCancelsOthers) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<> {
    EXPECT_THROW(co_await aio::gather(slow_value(1, 1h), fail_after(1s)),
                 std::runtime_error);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
}

TEST(Gather, CancellationCancelsAll) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<> {
    auto both = []() -> aio::task<> {
      co_await aio::gather(slow_value(1, 1h), slow_void(2h));
    };
    auto h = aio::create_task(both());
    co_await aio::sleep(1s);
    h.cancel();
    EXPECT_THROW(co_await h, aio::cancelled_error);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 1s);
}

TEST(Gather, WithTimeout) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<> {
    EXPECT_THROW(co_await aio::wait_for(
                     aio::gather(slow_value(1, 1s), slow_value(2, 1h)), 10s),
                 aio::timeout_error);
  };
  loop.run_until_complete(body());
  EXPECT_EQ(aio_test::elapsed(loop), 10s);
}

TEST(Gather, EmptyRange) {
  aio::event_loop loop(aio_test::manual_options());
  auto body = []() -> aio::task<std::size_t> {
    auto r = co_await aio::gather(std::vector<aio::task<int>>{});
    co_return r.size();
  };
  EXPECT_EQ(loop.run_until_complete(body()), 0U);
}
