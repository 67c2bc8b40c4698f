#include "aio/detail/frame_allocator.hpp"

#include <utility>

namespace aio::detail {

#ifndef AIO_NO_FRAME_POOL

namespace {

enum class cache_state { unowned, owned, gone };
thread_local cache_state state = cache_state::unowned;

// Opens the calling thread's cache and frees its frames when the thread
// exits.
struct frame_cache_owner {
  frame_cache_owner() noexcept {
    for (auto &count : thread_frames.counts) {
      count = 0;
    }
    state = cache_state::owned;
  }
  frame_cache_owner(const frame_cache_owner &) = delete;
  frame_cache_owner &operator=(const frame_cache_owner &) = delete;
  ~frame_cache_owner() {
    for (std::size_t c = 0; c < frame_classes; ++c) {
      if (void *spare = std::exchange(thread_frames.spares[c], nullptr)) {
        ::operator delete(spare, (c + 1) * frame_granule);
      }
      while (free_frame *block = thread_frames.heads[c]) {
        thread_frames.heads[c] = block->next;
        ::operator delete(static_cast<void *>(block), (c + 1) * frame_granule);
      }
      // Frames destroyed later in thread exit bypass the cache.
      thread_frames.counts[c] = frame_cache_limit;
    }
    state = cache_state::gone;
  }
};

// True once the cache is open on this thread.
bool own_frame_cache() noexcept {
  if (state == cache_state::unowned) {
    thread_local frame_cache_owner owner;
    (void)owner;
  }
  return state == cache_state::owned;
}

} // namespace

void *allocate_frame_slow(std::size_t size) {
  const std::size_t c = frame_class(size);
  if (c >= frame_classes) {
    return ::operator new(size);
  }
  own_frame_cache();
  // Pooled sizes are rounded up so any block of a class fits any frame of it.
  return ::operator new((c + 1) * frame_granule);
}

void deallocate_frame_slow(void *frame, std::size_t size) noexcept {
  const std::size_t c = frame_class(size);
  if (c >= frame_classes) {
    ::operator delete(frame, size);
    return;
  }
  if (state == cache_state::unowned && own_frame_cache()) {
    deallocate_frame(frame, size); // the cache is open now
    return;
  }
  ::operator delete(frame, (c + 1) * frame_granule);
}

#endif

} // namespace aio::detail
