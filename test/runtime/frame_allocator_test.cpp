#include "aio/detail/frame_allocator.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

namespace {

using aio::detail::allocate_frame;
using aio::detail::deallocate_frame;

#ifdef AIO_NO_FRAME_POOL

TEST(FrameAllocator, SanitizerBuildsUseOperatorNew) {
  void *frame = allocate_frame(100);
  ASSERT_NE(frame, nullptr);
  deallocate_frame(frame, 100);
}

#else

TEST(FrameAllocator, FreedFrameIsTheNextOfItsSize) {
  void *first = allocate_frame(100);
  deallocate_frame(first, 100);
  void *second = allocate_frame(120); // same 64-byte class
  EXPECT_EQ(second, first);
  deallocate_frame(second, 120);
}

TEST(FrameAllocator, SizesOfAnotherClassAreNotMixed) {
  void *small = allocate_frame(100);
  deallocate_frame(small, 100);
  void *large = allocate_frame(300);
  EXPECT_NE(large, small);
  void *again = allocate_frame(100);
  EXPECT_EQ(again, small);
  deallocate_frame(again, 100);
  deallocate_frame(large, 300);
}

TEST(FrameAllocator, ManyFreedFramesAreAllReused) {
  constexpr int count = 64;
  std::vector<void *> frames;
  for (int i = 0; i < count; ++i) {
    frames.push_back(allocate_frame(200));
  }
  const std::set<void *> freed(frames.begin(), frames.end());
  for (void *frame : frames) {
    deallocate_frame(frame, 200);
  }
  std::set<void *> reused;
  for (int i = 0; i < count; ++i) {
    reused.insert(allocate_frame(200));
  }
  EXPECT_EQ(reused, freed);
  for (void *frame : reused) {
    deallocate_frame(frame, 200);
  }
}

TEST(FrameAllocator, FramesBeyondTheCacheLimitGoBackToTheHeap) {
  std::vector<void *> frames;
  for (std::size_t i = 0; i < aio::detail::frame_cache_limit + 100; ++i) {
    frames.push_back(allocate_frame(500));
  }
  for (void *frame : frames) {
    deallocate_frame(frame, 500);
  }
  // The cache holds at most its limit plus the spare; the rest were freed.
  const std::size_t c = aio::detail::frame_class(500);
  EXPECT_EQ(aio::detail::thread_frames.counts[c],
            aio::detail::frame_cache_limit);
  EXPECT_NE(aio::detail::thread_frames.spares[c], nullptr);
}

TEST(FrameAllocator, LargeFramesBypassTheCache) {
  void *frame = allocate_frame(64 * 1024);
  ASSERT_NE(frame, nullptr);
  deallocate_frame(frame, 64 * 1024);
}

TEST(FrameAllocator, EachThreadHasItsOwnCache) {
  void *main_frame = allocate_frame(100);
  deallocate_frame(main_frame, 100);
  void *thread_frame = nullptr;
  std::thread worker([&] {
    thread_frame = allocate_frame(100);
    deallocate_frame(thread_frame, 100);
    // The thread's cache is emptied when it exits.
  });
  worker.join();
  EXPECT_NE(thread_frame, main_frame);
  void *again = allocate_frame(100);
  EXPECT_EQ(again, main_frame);
  deallocate_frame(again, 100);
}

#endif

} // namespace
