#pragma once

// Runtime-private helpers shared by the sources in this folder.

#include "aio/debug.hpp"
#include "aio/detail/task_state.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <source_location>
#include <string_view>

namespace aio::detail {

// While alive on a thread, blocking calls made there belong to the runtime
// itself and are not reported by the blocking-call detector.
class runtime_scope {
public:
  runtime_scope() noexcept;
  runtime_scope(const runtime_scope &) = delete;
  runtime_scope &operator=(const runtime_scope &) = delete;
  ~runtime_scope();
};

[[nodiscard]] bool inside_runtime() noexcept;

// Measures its own lifetime as debug-report overhead of the current loop.
class report_overhead_scope {
public:
  report_overhead_scope() noexcept;
  report_overhead_scope(const report_overhead_scope &) = delete;
  report_overhead_scope &operator=(const report_overhead_scope &) = delete;
  ~report_overhead_scope();

private:
  std::chrono::steady_clock::time_point start_;
};

// Connects to libaio_blockdetect.so when it is preloaded (idempotent).
void install_blocking_call_hook() noexcept;

// How many thread mutexes locked inside coroutine steps on this thread at or
// after `mark` are still held, and where the last of them was locked; sets
// `mark` to now. 0 without libaio_blockdetect.so.
int locks_held_since(std::uint64_t &mark, code_location *innermost = nullptr);

// Source location of the code that called through `return_address`;
// unknown without debug information.
[[nodiscard]] code_location symbolize_call_site(const void *return_address);

// Where a task was created: its creation site, or for a task created inside
// this runtime on behalf of a caller (gather's children), that caller.
[[nodiscard]] code_location creation_location(std::source_location created,
                                              const void *created_by);
[[nodiscard]] code_location creation_location(const task_state &task);

// Whether a source file named by debug information is the user's: not a
// system header or library source, not this runtime's (whose sources are
// below `runtime_root`, also when a build cache names them from another
// tree or relative to an unknown directory).
[[nodiscard]] bool is_user_file(std::string_view file,
                                const std::filesystem::path &runtime_root);

// First frame of `frames` (innermost first) that lies in user code, skipping
// system headers, libraries without debug information and this runtime.
[[nodiscard]] code_location first_user_frame(void *const *frames, int count);

} // namespace aio::detail
