#include "aio/file.hpp"

#include "aio/to_thread.hpp"
#include "internal.hpp"

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aio {

namespace detail {

// Owns a descriptor. Shared by the file and the pool jobs using it, so that it
// stays open while a worker may still use it however the file goes away. The
// last owner closes it on the loop thread: jobs are released there.
class file_descriptor {
public:
  explicit file_descriptor(int fd) noexcept : fd_(fd) {}
  file_descriptor(const file_descriptor &) = delete;
  file_descriptor &operator=(const file_descriptor &) = delete;
  ~file_descriptor() {
    if (fd_ >= 0) {
      runtime_scope scope;
      ::close(fd_);
    }
  }

  [[nodiscard]] int get() const noexcept { return fd_; }

  // Closes now, reporting failure.
  void close() {
    if (::close(std::exchange(fd_, -1)) != 0 && errno != EINTR) {
      throw std::system_error(errno, std::generic_category(),
                              "aio::file::close");
    }
  }

private:
  int fd_;
};

} // namespace detail

namespace {

template <class F> auto on_pool(F fn) {
  // A cancelled caller waits for the call to return, so its next call never
  // overlaps it (a later write cannot be overtaken by an abandoned one).
  return detail::pool_awaiter<F, false>{std::move(fn)};
}

// What a worker read, in memory of its own.
struct read_bytes {
  std::unique_ptr<std::byte[]> data;
  std::size_t size = 0;
};

[[noreturn]] void throw_errno(int error, const std::string &what) {
  throw std::system_error(error, std::generic_category(), what);
}

int open_flags(open_mode mode) {
  switch (mode) {
  case open_mode::read:
    return O_RDONLY;
  case open_mode::write:
    return O_WRONLY | O_CREAT | O_TRUNC;
  case open_mode::append:
    return O_WRONLY | O_CREAT | O_APPEND;
  case open_mode::read_write:
    return O_RDWR | O_CREAT;
  }
  throw std::invalid_argument("aio::file: bad open_mode");
}

std::size_t read_fully(int fd, std::uint64_t offset, std::span<std::byte> buf) {
  std::size_t done = 0;
  while (done < buf.size()) {
    ssize_t n = ::pread(fd, buf.data() + done, buf.size() - done,
                        static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw_errno(errno, "aio::file::read");
    }
    if (n == 0) {
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  return done;
}

std::size_t write_fully(int fd, std::uint64_t offset,
                        std::span<const std::byte> data) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::pwrite(fd, data.data() + done, data.size() - done,
                         static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw_errno(errno, "aio::file::write");
    }
    done += static_cast<std::size_t>(n);
  }
  return done;
}

} // namespace

file::file(std::shared_ptr<detail::file_descriptor> descriptor,
           std::uint64_t position) noexcept
    : descriptor_(std::move(descriptor)), position_(position) {}

file::file(file &&other) noexcept = default;
file &file::operator=(file &&other) noexcept = default;
file::~file() = default;

const std::shared_ptr<detail::file_descriptor> &file::open_descriptor() const {
  if (!descriptor_) {
    throw std::logic_error("aio::file: operation on a closed file");
  }
  return descriptor_;
}

task<file> file::open(std::filesystem::path path, open_mode mode) {
  const int flags = open_flags(mode) | O_CLOEXEC;
  // Owned by the job until we take it: a cancelled open closes what it opened.
  auto descriptor = co_await on_pool([path = std::move(path), flags] {
    int fd = ::open(path.c_str(), flags, 0666);
    if (fd < 0) {
      throw_errno(errno, "aio::file::open " + path.string());
    }
    return std::make_shared<detail::file_descriptor>(fd);
  });
  std::uint64_t position = 0;
  if (mode == open_mode::append) {
    struct stat st{};
    if (::fstat(descriptor->get(), &st) == 0) {
      position = static_cast<std::uint64_t>(st.st_size);
    }
  }
  co_return file{std::move(descriptor), position};
}

task<std::size_t> file::read(std::span<std::byte> buffer) {
  std::size_t n = co_await read_at(position_, buffer);
  position_ += n;
  co_return n;
}

task<std::size_t> file::write(std::span<const std::byte> data) {
  std::size_t n = co_await write_at(position_, data);
  position_ += n;
  co_return n;
}

task<std::size_t> file::read_at(std::uint64_t offset,
                                std::span<std::byte> buffer) {
  auto descriptor = open_descriptor();
  if (buffer.empty()) {
    co_return 0;
  }
  // Our frame, and `buffer` with it, may be destroyed before the worker
  // returns: it reads into memory of its own, copied out only if we resume.
  read_bytes bytes = co_await on_pool(
      [descriptor = std::move(descriptor), offset, size = buffer.size()] {
        read_bytes bytes{std::make_unique_for_overwrite<std::byte[]>(size)};
        bytes.size = read_fully(descriptor->get(), offset,
                                std::span(bytes.data.get(), size));
        return bytes;
      });
  std::memcpy(buffer.data(), bytes.data.get(), bytes.size);
  co_return bytes.size;
}

task<std::size_t> file::write_at(std::uint64_t offset,
                                 std::span<const std::byte> data) {
  auto descriptor = open_descriptor();
  if (data.empty()) {
    co_return 0;
  }
  // The worker writes a copy: `data` may be gone before it returns.
  co_return co_await on_pool(
      [descriptor = std::move(descriptor), offset,
       copy = std::vector<std::byte>(data.begin(), data.end())] {
        return write_fully(descriptor->get(), offset, copy);
      });
}

task<> file::sync() {
  co_await on_pool([descriptor = open_descriptor()] {
    if (::fsync(descriptor->get()) != 0) {
      throw_errno(errno, "aio::file::sync");
    }
  });
}

task<std::uint64_t> file::size() {
  co_return co_await on_pool([descriptor = open_descriptor()] {
    struct stat st{};
    if (::fstat(descriptor->get(), &st) != 0) {
      throw_errno(errno, "aio::file::size");
    }
    return static_cast<std::uint64_t>(st.st_size);
  });
}

task<> file::close() {
  if (!descriptor_) {
    co_return;
  }
  auto descriptor = std::move(descriptor_);
  if (descriptor.use_count() > 1) {
    co_return; // calls in flight hold it: the last one to return closes it
  }
  co_await on_pool(
      [descriptor = std::move(descriptor)] { descriptor->close(); });
}

} // namespace aio
