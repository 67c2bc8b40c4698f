// libaio_blockdetect.so: preload it (LD_PRELOAD) into a program that runs an
// aio event loop in debug mode, and every blocking libc call made inside a
// coroutine step on the loop thread is reported through the loop's debug
// sink. The library only intercepts and forwards; the runtime decides whether
// a call counts (a step is running, the caller is not the runtime itself) and
// builds the report, so this file holds no aio types.

#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdio>

#include <dlfcn.h>
#include <execinfo.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
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

void check(const char *name) noexcept {
  if (watching()) {
    report(name);
  }
}

bool is_regular_file(int fd) noexcept {
  struct stat st{};
  return ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

bool is_blocking_socket(int fd) noexcept {
  struct stat st{};
  if (::fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) {
    return false;
  }
  int flags = ::fcntl(fd, F_GETFL);
  return flags >= 0 && (flags & O_NONBLOCK) == 0;
}

// Reads and writes block on regular files and on blocking sockets; pipes,
// eventfds and non-blocking sockets are how event loops work.
void check_fd(const char *name, int fd) noexcept {
  if (watching() && (is_regular_file(fd) || is_blocking_socket(fd))) {
    report(name);
  }
}

void check_socket(const char *name, int fd) noexcept {
  if (watching() && is_blocking_socket(fd)) {
    report(name);
  }
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
  const void *mutex;
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
[[gnu::noinline]] void note_locked(const void *mutex) noexcept {
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

void note_unlocked(const void *mutex) noexcept {
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

__attribute__((visibility("default"))) int
pthread_mutex_lock(pthread_mutex_t *mutex) {
  static auto real = next<int (*)(pthread_mutex_t *)>("pthread_mutex_lock");
  int result = real(mutex);
  if (result == 0) {
    note_locked(mutex);
  }
  return result;
}

__attribute__((visibility("default"))) int
pthread_mutex_unlock(pthread_mutex_t *mutex) {
  static auto real = next<int (*)(pthread_mutex_t *)>("pthread_mutex_unlock");
  note_unlocked(mutex);
  return real(mutex);
}

__attribute__((visibility("default"))) int
pthread_rwlock_rdlock(pthread_rwlock_t *lock) {
  static auto real = next<int (*)(pthread_rwlock_t *)>("pthread_rwlock_rdlock");
  int result = real(lock);
  if (result == 0) {
    note_locked(lock);
  }
  return result;
}

__attribute__((visibility("default"))) int
pthread_rwlock_wrlock(pthread_rwlock_t *lock) {
  static auto real = next<int (*)(pthread_rwlock_t *)>("pthread_rwlock_wrlock");
  int result = real(lock);
  if (result == 0) {
    note_locked(lock);
  }
  return result;
}

__attribute__((visibility("default"))) int
pthread_rwlock_unlock(pthread_rwlock_t *lock) {
  static auto real = next<int (*)(pthread_rwlock_t *)>("pthread_rwlock_unlock");
  note_unlocked(lock);
  return real(lock);
}

// Called by the aio runtime when a debug-mode loop starts.
__attribute__((visibility("default"))) void
aio_blockdetect_install(active_fn active, report_fn report_call) {
  report_hook.store(report_call, std::memory_order_release);
  active_hook.store(active, std::memory_order_release);
}

__attribute__((visibility("default"))) unsigned int sleep(unsigned int s) {
  static auto real = next<unsigned int (*)(unsigned int)>("sleep");
  check("sleep");
  return real(s);
}

__attribute__((visibility("default"))) int usleep(useconds_t us) {
  static auto real = next<int (*)(useconds_t)>("usleep");
  check("usleep");
  return real(us);
}

__attribute__((visibility("default"))) int nanosleep(const struct timespec *req,
                                                     struct timespec *rem) {
  static auto real =
      next<int (*)(const struct timespec *, struct timespec *)>("nanosleep");
  check("nanosleep");
  return real(req, rem);
}

__attribute__((visibility("default"))) int
clock_nanosleep(clockid_t clock, int flags, const struct timespec *req,
                struct timespec *rem) {
  static auto real =
      next<int (*)(clockid_t, int, const struct timespec *, struct timespec *)>(
          "clock_nanosleep");
  check("clock_nanosleep");
  return real(clock, flags, req, rem);
}

__attribute__((visibility("default"))) int open(const char *path, int flags,
                                                ...) {
  static auto real = next<int (*)(const char *, int, ...)>("open");
  va_list args;
  va_start(args, flags);
  mode_t mode = mode_argument(flags, args);
  va_end(args);
  int fd = real(path, flags, mode);
  if (fd >= 0) {
    check_fd("open", fd);
  }
  return fd;
}

__attribute__((visibility("default"))) int open64(const char *path, int flags,
                                                  ...) {
  static auto real = next<int (*)(const char *, int, ...)>("open64");
  va_list args;
  va_start(args, flags);
  mode_t mode = mode_argument(flags, args);
  va_end(args);
  int fd = real(path, flags, mode);
  if (fd >= 0) {
    check_fd("open", fd);
  }
  return fd;
}

__attribute__((visibility("default"))) int openat(int dir, const char *path,
                                                  int flags, ...) {
  static auto real = next<int (*)(int, const char *, int, ...)>("openat");
  va_list args;
  va_start(args, flags);
  mode_t mode = mode_argument(flags, args);
  va_end(args);
  int fd = real(dir, path, flags, mode);
  if (fd >= 0) {
    check_fd("openat", fd);
  }
  return fd;
}

__attribute__((visibility("default"))) ssize_t read(int fd, void *buf,
                                                    size_t n) {
  static auto real = next<ssize_t (*)(int, void *, size_t)>("read");
  check_fd("read", fd);
  return real(fd, buf, n);
}

__attribute__((visibility("default"))) ssize_t write(int fd, const void *buf,
                                                     size_t n) {
  static auto real = next<ssize_t (*)(int, const void *, size_t)>("write");
  check_fd("write", fd);
  return real(fd, buf, n);
}

__attribute__((visibility("default"))) ssize_t pread(int fd, void *buf,
                                                     size_t n, off_t off) {
  static auto real = next<ssize_t (*)(int, void *, size_t, off_t)>("pread");
  check_fd("pread", fd);
  return real(fd, buf, n, off);
}

__attribute__((visibility("default"))) ssize_t pwrite(int fd, const void *buf,
                                                      size_t n, off_t off) {
  static auto real =
      next<ssize_t (*)(int, const void *, size_t, off_t)>("pwrite");
  check_fd("pwrite", fd);
  return real(fd, buf, n, off);
}

__attribute__((visibility("default"))) int fsync(int fd) {
  static auto real = next<int (*)(int)>("fsync");
  check("fsync");
  return real(fd);
}

__attribute__((visibility("default"))) int fdatasync(int fd) {
  static auto real = next<int (*)(int)>("fdatasync");
  check("fdatasync");
  return real(fd);
}

__attribute__((visibility("default"))) int
connect(int fd, const struct sockaddr *addr, socklen_t len) {
  static auto real =
      next<int (*)(int, const struct sockaddr *, socklen_t)>("connect");
  check_socket("connect", fd);
  return real(fd, addr, len);
}

__attribute__((visibility("default"))) int accept(int fd, struct sockaddr *addr,
                                                  socklen_t *len) {
  static auto real =
      next<int (*)(int, struct sockaddr *, socklen_t *)>("accept");
  check_socket("accept", fd);
  return real(fd, addr, len);
}

__attribute__((visibility("default"))) int
accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags) {
  static auto real =
      next<int (*)(int, struct sockaddr *, socklen_t *, int)>("accept4");
  check_socket("accept4", fd);
  return real(fd, addr, len, flags);
}

__attribute__((visibility("default"))) ssize_t recv(int fd, void *buf, size_t n,
                                                    int flags) {
  static auto real = next<ssize_t (*)(int, void *, size_t, int)>("recv");
  check_socket("recv", fd);
  return real(fd, buf, n, flags);
}

__attribute__((visibility("default"))) ssize_t recvfrom(int fd, void *buf,
                                                        size_t n, int flags,
                                                        struct sockaddr *addr,
                                                        socklen_t *len) {
  static auto real = next<ssize_t (*)(
      int, void *, size_t, int, struct sockaddr *, socklen_t *)>("recvfrom");
  check_socket("recvfrom", fd);
  return real(fd, buf, n, flags, addr, len);
}

__attribute__((visibility("default"))) ssize_t send(int fd, const void *buf,
                                                    size_t n, int flags) {
  static auto real = next<ssize_t (*)(int, const void *, size_t, int)>("send");
  check_socket("send", fd);
  return real(fd, buf, n, flags);
}

__attribute__((visibility("default"))) ssize_t
sendto(int fd, const void *buf, size_t n, int flags,
       const struct sockaddr *addr, socklen_t len) {
  static auto real =
      next<ssize_t (*)(int, const void *, size_t, int, const struct sockaddr *,
                       socklen_t)>("sendto");
  check_socket("sendto", fd);
  return real(fd, buf, n, flags, addr, len);
}

__attribute__((visibility("default"))) int
getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
            struct addrinfo **res) {
  static auto real =
      next<int (*)(const char *, const char *, const struct addrinfo *,
                   struct addrinfo **)>("getaddrinfo");
  check("getaddrinfo");
  return real(node, service, hints, res);
}

__attribute__((visibility("default"))) int system(const char *command) {
  static auto real = next<int (*)(const char *)>("system");
  check("system");
  return real(command);
}

__attribute__((visibility("default"))) FILE *popen(const char *command,
                                                   const char *type) {
  static auto real = next<FILE *(*)(const char *, const char *)>("popen");
  check("popen");
  return real(command, type);
}

__attribute__((visibility("default"))) pid_t waitpid(pid_t pid, int *status,
                                                     int options) {
  static auto real = next<pid_t (*)(pid_t, int *, int)>("waitpid");
  if ((options & WNOHANG) == 0) {
    check("waitpid");
  }
  return real(pid, status, options);
}

__attribute__((visibility("default"))) int pthread_join(pthread_t thread,
                                                        void **result) {
  static auto real = next<int (*)(pthread_t, void **)>("pthread_join");
  check("pthread_join");
  return real(thread, result);
}

__attribute__((visibility("default"))) int
pthread_cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex) {
  static auto real =
      next_versioned<int (*)(pthread_cond_t *, pthread_mutex_t *)>(
          "pthread_cond_wait", "GLIBC_2.3.2");
  check("pthread_cond_wait");
  return real(cond, mutex);
}

__attribute__((visibility("default"))) int
pthread_cond_timedwait(pthread_cond_t *cond, pthread_mutex_t *mutex,
                       const struct timespec *abstime) {
  static auto real = next_versioned<int (*)(pthread_cond_t *, pthread_mutex_t *,
                                            const struct timespec *)>(
      "pthread_cond_timedwait", "GLIBC_2.3.2");
  check("pthread_cond_timedwait");
  return real(cond, mutex, abstime);
}

// libstdc++'s futex waits behind std::future::wait/get (and std::shared_future)
// when the value is not ready yet. Both are non-static members taking
// (unsigned*, unsigned, bool, chrono::seconds, chrono::nanoseconds) after
// `this`; the durations are single integers and pass like `long`.
using futex_wait_fn = bool (*)(void *, unsigned *, unsigned, bool, long, long);

__attribute__((visibility("default"))) bool
aio_futex_wait_until(void *self, unsigned *addr, unsigned value,
                     bool has_timeout, long s,
                     long ns) __asm__("_ZNSt28__atomic_futex_unsigned_base19_M_"
                                      "futex_wait_untilEPjjbNSt6chrono8"
                                      "durationIlSt5ratioILl1ELl1EEEENS2_IlS3_"
                                      "ILl1ELl1000000000EEEE");

bool aio_futex_wait_until(void *self, unsigned *addr, unsigned value,
                          bool has_timeout, long s, long ns) {
  static auto real = next<futex_wait_fn>(
      "_ZNSt28__atomic_futex_unsigned_base19_M_futex_wait_untilEPjjbNSt6chrono8"
      "durationIlSt5ratioILl1ELl1EEEENS2_IlS3_ILl1ELl1000000000EEEE");
  check("std::future::wait");
  return real(self, addr, value, has_timeout, s, ns);
}

__attribute__((visibility("default"))) bool aio_futex_wait_until_steady(
    void *self, unsigned *addr, unsigned value, bool has_timeout, long s,
    long ns) __asm__("_ZNSt28__atomic_futex_unsigned_base26_M_futex_wait_until_"
                     "steadyEPjjbNSt6"
                     "chrono8durationIlSt5ratioILl1ELl1EEEENS2_IlS3_"
                     "ILl1ELl1000000000EEEE");

bool aio_futex_wait_until_steady(void *self, unsigned *addr, unsigned value,
                                 bool has_timeout, long s, long ns) {
  static auto real = next<futex_wait_fn>(
      "_ZNSt28__atomic_futex_unsigned_base26_M_futex_wait_until_steadyEPjjbNSt6"
      "chrono8durationIlSt5ratioILl1ELl1EEEENS2_IlS3_ILl1ELl1000000000EEEE");
  check("std::future::wait");
  return real(self, addr, value, has_timeout, s, ns);
}

} // extern "C"
