#pragma once

// Coroutine frames come from a per-thread free list sorted by size class, so a
// task costs one allocation the first time a frame of its size is needed and
// none once frames of that size are recycled. The fast paths are inline and
// touch only a constant-initialized thread_local (no guard, no call).
// Defining AIO_NO_FRAME_POOL (the sanitizer builds do) sends every frame to
// ::operator new so AddressSanitizer sees each frame's lifetime.

#include <cstddef>
#include <new>

namespace aio::detail {

#ifdef AIO_NO_FRAME_POOL

inline void *allocate_frame(std::size_t size) { return ::operator new(size); }
inline void deallocate_frame(void *frame, std::size_t size) noexcept {
  ::operator delete(frame, size);
}

#else

inline constexpr std::size_t frame_granule = 64;
inline constexpr std::size_t frame_classes = 32;       // up to 2 KiB pooled
inline constexpr std::size_t frame_cache_limit = 4096; // blocks per class

struct free_frame {
  free_frame *next;
};

// A frame freed and another of the same size made at once is the common
// case (awaiting a child task in a loop). The last freed frame of each class
// waits in spares[], where taking it back reads one pointer; the lists behind
// it cost two dependent loads and a count update per round trip.
struct frame_cache {
  void *spares[frame_classes];
  free_frame *heads[frame_classes];
  std::size_t counts[frame_classes]; // blocks in heads[], spares not counted
};

// Counts start full, so a thread's first free takes the slow path, which
// registers the owner that frees the cached blocks at thread exit (and fills
// the counts again so later frees bypass the cache). Trivially destructible,
// so access needs no guard.
consteval frame_cache unowned_frame_cache() {
  frame_cache cache{};
  for (auto &count : cache.counts) {
    count = frame_cache_limit;
  }
  return cache;
}
inline constinit thread_local frame_cache thread_frames = unowned_frame_cache();

void *allocate_frame_slow(std::size_t size);
void deallocate_frame_slow(void *frame, std::size_t size) noexcept;

[[nodiscard]] constexpr std::size_t frame_class(std::size_t size) noexcept {
  return (size + frame_granule - 1) / frame_granule - 1;
}

inline void *allocate_frame(std::size_t size) {
  const std::size_t c = frame_class(size);
  if (c < frame_classes) {
    if (void *spare = thread_frames.spares[c]) {
      thread_frames.spares[c] = nullptr;
      return spare;
    }
    if (free_frame *block = thread_frames.heads[c]) {
      thread_frames.heads[c] = block->next;
      --thread_frames.counts[c];
      return block;
    }
  }
  return allocate_frame_slow(size);
}

inline void deallocate_frame(void *frame, std::size_t size) noexcept {
  const std::size_t c = frame_class(size);
  if (c < frame_classes && thread_frames.counts[c] < frame_cache_limit) {
    if (thread_frames.spares[c] == nullptr) {
      thread_frames.spares[c] = frame;
      return;
    }
    auto *block = static_cast<free_frame *>(frame);
    block->next = thread_frames.heads[c];
    thread_frames.heads[c] = block;
    ++thread_frames.counts[c];
    return;
  }
  deallocate_frame_slow(frame, size);
}

#endif

} // namespace aio::detail
