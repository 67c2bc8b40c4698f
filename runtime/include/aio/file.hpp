#pragma once

// aio::file: a regular file whose blocking calls run on the loop's thread
// pool, so the loop keeps serving other tasks meanwhile. Operations are not
// abandoned halfway: a cancelled task waits for its in-flight call to return
// (so what it does next never overlaps that call) and then gets
// aio::cancelled_error. The worker never touches the caller's memory: a read
// fills a buffer of its own that is copied out on the loop thread only if the
// reader is still there and not cancelled, a write sends a copy of the data,
// and the descriptor stays open until the last call using it has returned.
// So a caller torn down mid-call (a destroyed task_group or event_loop) and a
// file destroyed or closed meanwhile are safe.

#include "aio/task.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>

namespace aio {

namespace detail {
class file_descriptor;
}

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
  // Closes on the loop thread (or, with calls still in flight, once the last
  // returns); prefer co_await close().
  ~file();

  // Throws std::system_error (e.g. no such file).
  static task<file> open(std::filesystem::path path, open_mode mode);

  // Reads at the current position and advances it; 0 means end of file, or
  // that `buffer` is empty (returned at once, without the pool).
  task<std::size_t> read(std::span<std::byte> buffer);
  // Writes all of `data` at the current position and advances it; empty
  // `data` returns 0 at once.
  task<std::size_t> write(std::span<const std::byte> data);
  // Positioned variants; they leave the current position alone.
  task<std::size_t> read_at(std::uint64_t offset, std::span<std::byte> buffer);
  task<std::size_t> write_at(std::uint64_t offset,
                             std::span<const std::byte> data);
  // Flushes to storage (fsync).
  task<> sync();
  task<std::uint64_t> size();
  // With other calls still in flight, the descriptor is closed once the last
  // of them returns and close() does not wait for that.
  task<> close();

  [[nodiscard]] bool is_open() const noexcept { return bool(descriptor_); }
  [[nodiscard]] std::uint64_t position() const noexcept { return position_; }
  void seek(std::uint64_t position) noexcept { position_ = position; }

private:
  file(std::shared_ptr<detail::file_descriptor> descriptor,
       std::uint64_t position) noexcept;
  [[nodiscard]] const std::shared_ptr<detail::file_descriptor> &
  open_descriptor() const;

  // Shared with the pool jobs using it.
  std::shared_ptr<detail::file_descriptor> descriptor_;
  std::uint64_t position_ = 0;
};

} // namespace aio
