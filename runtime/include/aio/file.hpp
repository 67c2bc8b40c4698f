#pragma once

// aio::file: a regular file whose blocking calls run on the loop's thread
// pool, so the loop keeps serving other tasks meanwhile. Operations are not
// abandoned halfway: a cancelled task waits for its in-flight read or write
// to return (the worker uses the caller's buffer) and then gets
// aio::cancelled_error.

#include "aio/task.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>

namespace aio {

enum class open_mode {
  read,       // existing file, read only
  write,      // create or truncate, write only
  append,     // create if missing, writes go to the end
  read_write, // create if missing, read and write
};

class file {
public:
  file() noexcept = default;
  file(file &&other) noexcept;
  file &operator=(file &&other) noexcept;
  file(const file &) = delete;
  file &operator=(const file &) = delete;
  // Closes without waiting for the pool; prefer co_await close().
  ~file();

  // Throws std::system_error (e.g. no such file).
  static task<file> open(std::filesystem::path path, open_mode mode);

  // Reads at the current position and advances it; 0 means end of file.
  task<std::size_t> read(std::span<std::byte> buffer);
  // Writes all of `data` at the current position and advances it.
  task<std::size_t> write(std::span<const std::byte> data);
  // Positioned variants; they leave the current position alone.
  task<std::size_t> read_at(std::uint64_t offset, std::span<std::byte> buffer);
  task<std::size_t> write_at(std::uint64_t offset,
                             std::span<const std::byte> data);
  // Flushes to storage (fsync).
  task<> sync();
  task<std::uint64_t> size();
  task<> close();

  [[nodiscard]] bool is_open() const noexcept { return fd_ >= 0; }
  [[nodiscard]] std::uint64_t position() const noexcept { return position_; }
  void seek(std::uint64_t position) noexcept { position_ = position; }

private:
  explicit file(int fd, std::uint64_t position) noexcept
      : fd_(fd), position_(position) {}
  void check_open() const;

  int fd_ = -1;
  std::uint64_t position_ = 0;
};

} // namespace aio
