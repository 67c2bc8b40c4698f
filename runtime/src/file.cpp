#include "aio/file.hpp"

#include "aio/to_thread.hpp"
#include "internal.hpp"

#include <cerrno>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aio {

namespace {

template <class F> auto on_pool(F fn) {
  // File calls use the caller's buffers: never abandon them mid-flight.
  return detail::pool_awaiter<F, false>{std::move(fn)};
}

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

file::file(file &&other) noexcept
    : fd_(std::exchange(other.fd_, -1)), position_(other.position_) {}

file &file::operator=(file &&other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      detail::runtime_scope scope;
      ::close(fd_);
    }
    fd_ = std::exchange(other.fd_, -1);
    position_ = other.position_;
  }
  return *this;
}

file::~file() {
  if (fd_ >= 0) {
    detail::runtime_scope scope;
    ::close(fd_);
  }
}

void file::check_open() const {
  if (fd_ < 0) {
    throw std::logic_error("aio::file: operation on a closed file");
  }
}

task<file> file::open(std::filesystem::path path, open_mode mode) {
  const int flags = open_flags(mode) | O_CLOEXEC;
  int fd = co_await on_pool([path = std::move(path), flags] {
    int fd = ::open(path.c_str(), flags, 0666);
    if (fd < 0) {
      throw_errno(errno, "aio::file::open " + path.string());
    }
    return fd;
  });
  std::uint64_t position = 0;
  if (mode == open_mode::append) {
    struct stat st{};
    if (::fstat(fd, &st) == 0) {
      position = static_cast<std::uint64_t>(st.st_size);
    }
  }
  co_return file{fd, position};
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
  check_open();
  const int fd = fd_;
  co_return co_await on_pool(
      [fd, offset, buffer] { return read_fully(fd, offset, buffer); });
}

task<std::size_t> file::write_at(std::uint64_t offset,
                                 std::span<const std::byte> data) {
  check_open();
  const int fd = fd_;
  co_return co_await on_pool(
      [fd, offset, data] { return write_fully(fd, offset, data); });
}

task<> file::sync() {
  check_open();
  const int fd = fd_;
  co_await on_pool([fd] {
    if (::fsync(fd) != 0) {
      throw_errno(errno, "aio::file::sync");
    }
  });
}

task<std::uint64_t> file::size() {
  check_open();
  const int fd = fd_;
  co_return co_await on_pool([fd] {
    struct stat st{};
    if (::fstat(fd, &st) != 0) {
      throw_errno(errno, "aio::file::size");
    }
    return static_cast<std::uint64_t>(st.st_size);
  });
}

task<> file::close() {
  if (fd_ < 0) {
    co_return;
  }
  const int fd = std::exchange(fd_, -1);
  co_await on_pool([fd] {
    if (::close(fd) != 0 && errno != EINTR) {
      throw_errno(errno, "aio::file::close");
    }
  });
}

} // namespace aio
