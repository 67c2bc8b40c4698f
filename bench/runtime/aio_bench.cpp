// aio against Boost.Asio (boost::asio::awaitable on an io_context), the same
// work on both sides, single-threaded:
//   create_await   create a trivial coroutine and co_await it
//   yield_1m       a million round trips through the loop's ready queue
//                  (aio::yield() / co_await asio::post(use_awaitable))
//   spawn_join_100k  spawn 100,000 trivial tasks and wait for all of them
//   pending_100k   100,000 tasks parked on one event/timer: bytes per task
// and, for aio alone, the cost of debug-mode bookkeeping:
//   debug_idle_20k_timers  20,000 tasks sleeping until distinct deadlines on
//                  a debug-mode loop (manual clock): the loop goes idle before
//                  every timer
//   teardown_40k_chain  destroying a loop whose 40,000 pending tasks each hold
//                  the handle of the one created before it
// Every benchmark also reports heap allocations (global operator new calls)
// per task and per co_await, counted by the replacement operator new below.

#include "aio/aio.hpp"

#include <benchmark/benchmark.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <new>

#include <malloc.h>

namespace asio = boost::asio;

// --- allocation accounting (benchmark-only global state)
//
// Calls are counted at operator new and at aligned_alloc (Boost.Asio
// allocates its frames with std::aligned_alloc); bytes in use come from the
// allocator itself (mallinfo2), so both libraries are measured alike,
// allocator overhead included.

namespace {
std::atomic<std::size_t> allocations{0};

void *counted_new(std::size_t size) {
  void *p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) {
    throw std::bad_alloc();
  }
  allocations.fetch_add(1, std::memory_order_relaxed);
  return p;
}

std::ptrdiff_t bytes_in_use() {
  return static_cast<std::ptrdiff_t>(::mallinfo2().uordblks);
}
} // namespace

void *operator new(std::size_t size) { return counted_new(size); }
void *operator new[](std::size_t size) { return counted_new(size); }
void operator delete(void *p) noexcept { std::free(p); }
void operator delete[](void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
void operator delete[](void *p, std::size_t) noexcept { std::free(p); }

extern "C" void *aligned_alloc(std::size_t align, std::size_t size) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return ::memalign(align, size);
}

namespace {

constexpr int million = 1'000'000;
constexpr int spawn_count = 100'000;

// --- aio

aio::task<int> aio_trivial() { co_return 1; }

aio::task<> aio_empty() { co_return; }

void BM_create_await_aio(benchmark::State &state) {
  aio::event_loop loop;
  std::size_t before = 0;
  auto body = [&]() -> aio::task<> {
    co_await aio_trivial(); // warm the frame pool
    before = allocations.load();
    for (auto _ : state) {
      benchmark::DoNotOptimize(co_await aio_trivial());
    }
  };
  loop.run_until_complete(body());
  state.counters["allocs_per_await"] = benchmark::Counter(
      double(allocations.load() - before) / double(state.iterations()));
}

void BM_yield_1m_aio(benchmark::State &state) {
  aio::event_loop loop;
  std::size_t before = 0;
  auto body = [&]() -> aio::task<> {
    co_await aio::yield();
    before = allocations.load();
    for (auto _ : state) {
      for (int i = 0; i < million; ++i) {
        co_await aio::yield();
      }
    }
  };
  loop.run_until_complete(body());
  state.counters["allocs_per_yield"] =
      benchmark::Counter(double(allocations.load() - before) /
                         (double(state.iterations()) * million));
  state.SetItemsProcessed(state.iterations() * million);
}

void BM_spawn_join_100k_aio(benchmark::State &state) {
  aio::event_loop loop;
  std::size_t allocs = 0;
  for (auto _ : state) {
    std::size_t before = allocations.load();
    auto body = []() -> aio::task<> {
      aio::task_group group;
      for (int i = 0; i < spawn_count; ++i) {
        group.spawn(aio_empty());
      }
      co_await group.join();
    };
    loop.run_until_complete(body());
    allocs += allocations.load() - before;
  }
  state.counters["allocs_per_task"] = benchmark::Counter(
      double(allocs) / (double(state.iterations()) * spawn_count));
  state.SetItemsProcessed(state.iterations() * spawn_count);
}

void BM_pending_100k_aio(benchmark::State &state) {
  double bytes = 0;
  double allocs = 0;
  for (auto _ : state) {
    aio::event_loop loop;
    aio::event release;
    auto parked = [&]() -> aio::task<> { co_await release.wait(); };
    auto body = [&]() -> aio::task<> {
      aio::task_group group;
      std::ptrdiff_t start = bytes_in_use();
      std::size_t start_allocs = allocations.load();
      for (int i = 0; i < spawn_count; ++i) {
        group.spawn(parked());
      }
      co_await aio::yield(); // every child is now parked on the event
      co_await aio::yield();
      bytes += double(bytes_in_use() - start) / spawn_count;
      allocs += double(allocations.load() - start_allocs) / spawn_count;
      release.set();
      co_await group.join();
    };
    loop.run_until_complete(body());
  }
  state.counters["bytes_per_pending_task"] =
      benchmark::Counter(bytes / double(state.iterations()));
  state.counters["allocs_per_task"] =
      benchmark::Counter(allocs / double(state.iterations()));
}

constexpr int idle_timer_count = 20'000;
constexpr int chain_length = 40'000;

void BM_debug_idle_20k_timers_aio(benchmark::State &state) {
  for (auto _ : state) {
    aio::loop_options options;
    options.clock = std::make_shared<aio::manual_clock>();
    options.debug = true;
    options.on_debug_report = [](const aio::debug_report &) {};
    aio::event_loop loop(options);
    auto sleeper = [](int ms) -> aio::task<> {
      co_await aio::sleep(std::chrono::milliseconds(ms));
    };
    auto body = [&]() -> aio::task<> {
      aio::task_group group;
      for (int i = 1; i <= idle_timer_count; ++i) {
        group.spawn(sleeper(i));
      }
      co_await group.join();
    };
    loop.run_until_complete(body());
  }
  state.SetItemsProcessed(state.iterations() * idle_timer_count);
}

// Times the shutdown after the main task and the loop's destruction: every
// link ignores the shutdown's cancellation, so the shutdown gives up and
// destroys all 40,000 frames, each holding the previous link's handle.
void BM_teardown_40k_chain_aio(benchmark::State &state) {
  for (auto _ : state) {
    state.PauseTiming();
    aio::event never;
    {
      auto loop = std::make_unique<aio::event_loop>();
      auto link =
          [&]([[maybe_unused]] aio::task_handle<void> previous) -> aio::task<> {
        for (;;) { // keeps `previous` alive in this frame
          try {
            co_await never.wait();
          } catch (const aio::cancelled_error &) {
          }
        }
      };
      auto body = [&]() -> aio::task<> {
        aio::task_handle<void> last;
        for (int i = 0; i < chain_length; ++i) {
          last = aio::create_task(link(std::move(last)));
        }
        co_await aio::yield(); // every link is now parked
        state.ResumeTiming();
      };
      loop->run_until_complete(body());
      loop.reset();
      state.PauseTiming();
    }
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * chain_length);
}

// --- Boost.Asio

asio::awaitable<int> asio_trivial() { co_return 1; }

asio::awaitable<void> asio_empty() { co_return; }

void BM_create_await_asio(benchmark::State &state) {
  asio::io_context ctx(1);
  std::size_t before = 0;
  auto body = [&]() -> asio::awaitable<void> {
    co_await asio_trivial();
    before = allocations.load();
    for (auto _ : state) {
      benchmark::DoNotOptimize(co_await asio_trivial());
    }
  };
  asio::co_spawn(ctx, body(), asio::detached);
  ctx.run();
  state.counters["allocs_per_await"] = benchmark::Counter(
      double(allocations.load() - before) / double(state.iterations()));
}

void BM_yield_1m_asio(benchmark::State &state) {
  asio::io_context ctx(1);
  std::size_t before = 0;
  auto body = [&]() -> asio::awaitable<void> {
    co_await asio::post(ctx, asio::use_awaitable);
    before = allocations.load();
    for (auto _ : state) {
      for (int i = 0; i < million; ++i) {
        co_await asio::post(ctx, asio::use_awaitable);
      }
    }
  };
  asio::co_spawn(ctx, body(), asio::detached);
  ctx.run();
  state.counters["allocs_per_yield"] =
      benchmark::Counter(double(allocations.load() - before) /
                         (double(state.iterations()) * million));
  state.SetItemsProcessed(state.iterations() * million);
}

void BM_spawn_join_100k_asio(benchmark::State &state) {
  asio::io_context ctx(1);
  std::size_t allocs = 0;
  for (auto _ : state) {
    std::size_t before = allocations.load();
    // Join: the parent waits on a timer that the last child cancels.
    auto body = [&]() -> asio::awaitable<void> {
      int remaining = spawn_count;
      asio::steady_timer done(ctx, asio::steady_timer::time_point::max());
      for (int i = 0; i < spawn_count; ++i) {
        asio::co_spawn(ctx, asio_empty(), [&](std::exception_ptr) {
          if (--remaining == 0) {
            done.cancel();
          }
        });
      }
      boost::system::error_code ec;
      co_await done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    };
    asio::co_spawn(ctx, body(), asio::detached);
    ctx.run();
    ctx.restart();
    allocs += allocations.load() - before;
  }
  state.counters["allocs_per_task"] = benchmark::Counter(
      double(allocs) / (double(state.iterations()) * spawn_count));
  state.SetItemsProcessed(state.iterations() * spawn_count);
}

void BM_pending_100k_asio(benchmark::State &state) {
  double bytes = 0;
  double allocs = 0;
  for (auto _ : state) {
    asio::io_context ctx(1);
    asio::steady_timer release(ctx, asio::steady_timer::time_point::max());
    auto parked = [&]() -> asio::awaitable<void> {
      boost::system::error_code ec;
      co_await release.async_wait(
          asio::redirect_error(asio::use_awaitable, ec));
    };
    auto body = [&]() -> asio::awaitable<void> {
      std::ptrdiff_t start = bytes_in_use();
      std::size_t start_allocs = allocations.load();
      for (int i = 0; i < spawn_count; ++i) {
        asio::co_spawn(ctx, parked(), asio::detached);
      }
      co_await asio::post(ctx, asio::use_awaitable);
      co_await asio::post(ctx, asio::use_awaitable);
      bytes += double(bytes_in_use() - start) / spawn_count;
      allocs += double(allocations.load() - start_allocs) / spawn_count;
      release.cancel();
    };
    asio::co_spawn(ctx, body(), asio::detached);
    ctx.run();
  }
  state.counters["bytes_per_pending_task"] =
      benchmark::Counter(bytes / double(state.iterations()));
  state.counters["allocs_per_task"] =
      benchmark::Counter(allocs / double(state.iterations()));
}

} // namespace

BENCHMARK(BM_create_await_aio);
BENCHMARK(BM_create_await_asio);
BENCHMARK(BM_yield_1m_aio)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_yield_1m_asio)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_spawn_join_100k_aio)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_spawn_join_100k_asio)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_pending_100k_aio)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_pending_100k_asio)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_debug_idle_20k_timers_aio)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_teardown_40k_chain_aio)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

BENCHMARK_MAIN();
