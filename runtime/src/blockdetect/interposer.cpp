// libaio_blockdetect.so: preload it (LD_PRELOAD) into a program that runs an
// aio event loop in debug mode, and every blocking libc call made inside a
// coroutine step on the loop thread is reported through the loop's debug
// sink. The library only intercepts and forwards; the runtime decides whether
// a call counts (a step is running, the caller is not the runtime itself) and
// builds the report, so this file holds no aio types.
//
// The interposed functions are the blocking APIs of rules/profiles/*.yaml,
// the list async-blocking-call reports: their wrappers are generated from it
// at build time (runtime/scripts/generate-interposed-symbols.py) into
// interposed_symbols.inc, included at the end. This file holds what the
// wrappers share.

#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdint>
#include <cstdio>

#include <dlfcn.h>
#include <execinfo.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

namespace {

using active_fn = int (*)();
using report_fn = void (*)(const char *, void *const *, int);

// Set once by the first debug-mode loop; read from every thread.
std::atomic<active_fn> active_hook{nullptr};
std::atomic<report_fn> report_hook{nullptr};

// Calls made while reporting (writing to stderr, reading debug info) are
// never reported again.
thread_local bool reporting = false;

bool watching() noexcept {
  active_fn active = active_hook.load(std::memory_order_acquire);
  return active != nullptr && !reporting && active() != 0;
}

[[gnu::noinline]] void report(const char *name) noexcept {
  report_fn fn = report_hook.load(std::memory_order_acquire);
  if (fn == nullptr) {
    return;
  }
  reporting = true;
  int saved_errno = errno;
  void *frames[48];
  int n = ::backtrace(frames, 48);
  // frames[0] is this function; the caller's frames follow.
  fn(name, frames + 1, n > 1 ? n - 1 : 0);
  errno = saved_errno;
  reporting = false;
}

// Whether a call on the descriptor waits for its file: regular files wait on
// the disk whatever their flags; anything else unless it is non-blocking, as
// an event loop's sockets, pipes and eventfds are. A bad descriptor fails at
// once.
bool descriptor_blocks(int fd) noexcept {
  struct stat st{};
  if (::fstat(fd, &st) != 0) {
    return false;
  }
  if (S_ISREG(st.st_mode)) {
    return true;
  }
  int flags = ::fcntl(fd, F_GETFL);
  return flags >= 0 && (flags & O_NONBLOCK) == 0;
}

// Writing one integer to a pipe or an eventfd (an anonymous inode, with no
// file type) is how a thread wakes an event loop; it does not wait.
bool wakes_up(int fd, std::size_t size) noexcept {
  struct stat st{};
  return size <= sizeof(std::uint64_t) && ::fstat(fd, &st) == 0 &&
         (S_ISFIFO(st.st_mode) || (st.st_mode & S_IFMT) == 0);
}

// Console streams are not file I/O (as the profile says of fprintf and
// fflush to stdout and stderr), and memory streams have no descriptor.
// A null stream is every stream (fflush(nullptr)).
bool stream_blocks(FILE *stream) noexcept {
  if (stream == nullptr) {
    return true;
  }
  if (stream == stdin || stream == stdout || stream == stderr) {
    return false;
  }
  int fd = ::fileno(stream);
  return fd >= 0 && descriptor_blocks(fd);
}

// A readiness wait with a zero timeout only looks; no timeout waits forever.
bool waits_for(const struct timespec *timeout) noexcept {
  return timeout == nullptr || timeout->tv_sec != 0 || timeout->tv_nsec != 0;
}
bool waits_for(const struct timeval *timeout) noexcept {
  return timeout == nullptr || timeout->tv_sec != 0 || timeout->tv_usec != 0;
}

template <class F> F next(const char *name) noexcept {
  return reinterpret_cast<F>(::dlsym(RTLD_NEXT, name));
}

template <class F> F next_versioned(const char *name, const char *version) {
  void *f = ::dlvsym(RTLD_NEXT, name, version);
  return reinterpret_cast<F>(f != nullptr ? f : ::dlsym(RTLD_NEXT, name));
}

mode_t mode_argument(int flags, va_list args) noexcept {
  if ((flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE) {
    return static_cast<mode_t>(va_arg(args, int));
  }
  return 0;
}

// Thread mutexes locked inside coroutine steps on this thread and not yet
// unlocked, in the order they were locked, with where each was locked. The
// runtime notes the sequence number at the start of a step: a step that ends
// holding a lock numbered at or after it has suspended its task with a lock
// it took still held.
struct held_lock {
  const volatile void *mutex;
  unsigned long long sequence;
  void *frames[24];
  int count;
};
constexpr int max_held_locks = 16;
thread_local held_lock held_locks[max_held_locks];
thread_local int held_lock_count = 0;
thread_local unsigned long long next_sequence = 0;

// Not inlined, so that the two innermost frames are this function and the
// interposed call.
[[gnu::noinline]] void note_locked(const volatile void *mutex) noexcept {
  if (held_lock_count >= max_held_locks || !watching()) {
    return;
  }
  reporting = true;
  held_lock &held = held_locks[held_lock_count++];
  held.mutex = mutex;
  held.sequence = next_sequence++;
  int n = ::backtrace(held.frames, 24);
  held.count = n > 2 ? n - 2 : 0;
  for (int i = 0; i < held.count; ++i) {
    held.frames[i] = held.frames[i + 2];
  }
  reporting = false;
}

void note_unlocked(const volatile void *mutex) noexcept {
  for (int i = held_lock_count - 1; i >= 0; --i) {
    if (held_locks[i].mutex == mutex) {
      for (int j = i + 1; j < held_lock_count; ++j) {
        held_locks[j - 1] = held_locks[j];
      }
      --held_lock_count;
      return;
    }
  }
}

} // namespace

extern "C" {

// How many locks numbered `since` or later this thread still holds; frames
// and count tell where the last of them was taken, *now is the number the
// next lock will get.
__attribute__((visibility("default"))) int
aio_blockdetect_locks_held_since(unsigned long long since,
                                 unsigned long long *now, void *const **frames,
                                 int *count) {
  *now = next_sequence;
  int n = 0;
  for (int i = 0; i < held_lock_count; ++i) {
    if (held_locks[i].sequence >= since) {
      ++n;
      *frames = held_locks[i].frames;
      *count = held_locks[i].count;
    }
  }
  return n;
}

// Called by the aio runtime when a debug-mode loop starts.
__attribute__((visibility("default"))) void
aio_blockdetect_install(active_fn active, report_fn report_call) {
  report_hook.store(report_call, std::memory_order_release);
  active_hook.store(active, std::memory_order_release);
}

#define AIO_INTERPOSED __attribute__((visibility("default")))
#include "interposed_symbols.inc"
#undef AIO_INTERPOSED

} // extern "C"
