#include "aio/debug.hpp"

#include "aio/event_loop.hpp"
#include "internal.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <dlfcn.h>

#ifdef AIO_HAVE_LIBBACKTRACE
#include <backtrace.h>
#endif

namespace aio {

code_location code_location::from(const std::source_location &loc) {
  code_location where;
  if (loc.line() != 0) {
    where.file = loc.file_name();
    where.line = loc.line();
    where.column = loc.column();
    where.function = loc.function_name();
  }
  return where;
}

std::string code_location::to_string() const {
  if (!known()) {
    return "<unknown>";
  }
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string_view to_string(report_kind kind) noexcept {
  switch (kind) {
  case report_kind::slow_step:
    return "slow-step";
  case report_kind::blocking_call:
    return "blocking-call";
  case report_kind::never_awaited:
    return "never-awaited";
  case report_kind::destroyed_pending:
    return "destroyed-pending";
  case report_kind::exception_never_retrieved:
    return "exception-never-retrieved";
  case report_kind::cancellation_swallowed:
    return "cancellation-swallowed";
  case report_kind::stuck_cancelled_await:
    return "stuck-cancelled-await";
  case report_kind::group_not_joined:
    return "group-not-joined";
  case report_kind::lock_held_across_suspension:
    return "lock-held-across-suspension";
  case report_kind::unbounded_fan_out:
    return "unbounded-fan-out";
  case report_kind::slow_cancellation_cleanup:
    return "slow-cancellation-cleanup";
  case report_kind::io_without_deadline:
    return "io-without-deadline";
  case report_kind::ignored_shutdown_cancellation:
    return "ignored-shutdown-cancellation";
  }
  return "unknown";
}

std::string format(const debug_report &report) {
  std::string line = "aio-debug: ";
  line += to_string(report.kind);
  line += ": ";
  line += report.where.to_string();
  line += ": ";
  line += report.message;
  if (!report.task_name.empty()) {
    line += " [task ";
    line += report.task_name;
    line += "]";
  }
  return line;
}

void print_to_stderr(const debug_report &report) {
  detail::runtime_scope scope;
  std::string line = format(report);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

namespace detail {

namespace {
thread_local int runtime_depth = 0;

// Asked by libaio_blockdetect.so before it reports a call made on this
// thread: only calls inside a coroutine step of a debug-mode loop count.
extern "C" int aio_blocking_call_counts() {
  event_loop *loop = event_loop::current();
  return loop != nullptr && loop->debug() && loop->running_task() != nullptr &&
                 runtime_depth == 0
             ? 1
             : 0;
}

extern "C" void aio_on_blocking_call(const char *name, void *const *frames,
                                     int count) {
  event_loop *loop = event_loop::current();
  if (aio_blocking_call_counts() == 0) {
    return;
  }
  runtime_scope scope;
  report_overhead_scope overhead;
  try {
    loop->report(report_kind::blocking_call,
                 std::string("blocking call to ") + name +
                     "() inside a coroutine step on the loop thread",
                 loop->running_task(), first_user_frame(frames, count));
  } catch (...) { // never let a report break the intercepted call
  }
}

using active_fn = int (*)();
using report_fn = void (*)(const char *, void *const *, int);
using install_fn = void (*)(active_fn, report_fn);

} // namespace

runtime_scope::runtime_scope() noexcept { ++runtime_depth; }
runtime_scope::~runtime_scope() { --runtime_depth; }
bool inside_runtime() noexcept { return runtime_depth != 0; }

report_overhead_scope::report_overhead_scope() noexcept
    : start_(std::chrono::steady_clock::now()) {}

report_overhead_scope::~report_overhead_scope() {
  if (event_loop *loop = event_loop::current()) {
    loop->add_report_overhead(std::chrono::steady_clock::now() - start_);
  }
}

int locks_held_since(std::uint64_t &mark, code_location *innermost) {
  using held_fn =
      int (*)(unsigned long long, unsigned long long *, void *const **, int *);
  // Present only when libaio_blockdetect.so is preloaded.
  static const auto held = reinterpret_cast<held_fn>(
      ::dlsym(RTLD_DEFAULT, "aio_blockdetect_locks_held_since"));
  if (held == nullptr) {
    return 0;
  }
  void *const *frames = nullptr;
  int count = 0;
  unsigned long long now = 0;
  int n = held(mark, &now, &frames, &count);
  mark = now;
  if (innermost != nullptr && n > 0) {
    runtime_scope scope;
    *innermost = first_user_frame(frames, count);
  }
  return n;
}

void install_blocking_call_hook() noexcept {
  // Present only when libaio_blockdetect.so is preloaded.
  void *symbol = ::dlsym(RTLD_DEFAULT, "aio_blockdetect_install");
  if (symbol != nullptr) {
    reinterpret_cast<install_fn>(symbol)(&aio_blocking_call_counts,
                                         &aio_on_blocking_call);
  }
}

bool is_user_file(std::string_view file,
                  const std::filesystem::path &runtime_root) {
  if (file.empty()) {
    return false; // nothing to show the user
  }
  static const char *const system_prefixes[] = {"/usr/include/", "/usr/lib/",
                                                "/usr/local/include/"};
  // "build/../runtime/src/a.cpp": debug information joins the compile
  // directory and a relative name, which a build cache may have made.
  const std::filesystem::path path =
      std::filesystem::path(file).lexically_normal();
  const std::string normal = path.generic_string();
  for (const char *prefix : system_prefixes) {
    if (normal.rfind(prefix, 0) == 0) {
      return false;
    }
  }
  const std::string root =
      (runtime_root.lexically_normal() / "").generic_string();
  if (normal.rfind(root, 0) == 0) {
    return false;
  }
  // This runtime's sources and headers named from another directory: a
  // build cache reuses objects compiled in another tree (absolute names) or
  // with names relative to an unknown directory ("../runtime/src/a.cpp").
  // They are the runtime's own if the part from its folder's name on is a
  // file of this runtime.
  const std::filesystem::path folder =
      runtime_root.lexically_normal().parent_path().filename(); // "runtime"
  std::filesystem::path from_folder;
  for (const auto &part : path) {
    if (part == folder) {
      from_folder = part; // the last occurrence wins
    } else if (!from_folder.empty()) {
      from_folder /= part;
    }
  }
  if (from_folder.empty()) {
    return true;
  }
  runtime_scope scope;
  std::error_code error;
  return !std::filesystem::exists(
      runtime_root.lexically_normal().parent_path().parent_path() / from_folder,
      error);
}

#ifdef AIO_HAVE_LIBBACKTRACE

namespace {

backtrace_state *debug_info() {
  // Built once: it caches the executable's DWARF line tables.
  static backtrace_state *state = [] {
    runtime_scope scope;
    return backtrace_create_state(nullptr, /*threaded=*/1, nullptr, nullptr);
  }();
  return state;
}

struct frame_lines {
  // Innermost first, as libbacktrace reports inlined frames.
  std::vector<code_location> lines;
};

int collect_line(void *data, std::uintptr_t, const char *file, int line,
                 const char *function) {
  if (file != nullptr && line > 0) {
    code_location where;
    where.file = file;
    // libbacktrace joins the compilation directory to names that are
    // already absolute ("/build//src/a.cpp"); keep the absolute part.
    if (auto pos = where.file.find("//"); pos != std::string::npos) {
      where.file.erase(0, pos + 1);
    }
    // Relative names are joined to the compilation directory
    // ("/build/../src/a.cpp", as ccache's base_dir leaves them); without the
    // "..", the runtime's own files are recognised and skipped.
    where.file = std::filesystem::path(where.file).lexically_normal().string();
    where.line = static_cast<unsigned>(line);
    where.function = function != nullptr ? function : "";
    static_cast<frame_lines *>(data)->lines.push_back(std::move(where));
  }
  return 0;
}

std::vector<code_location> lines_at(const void *return_address) {
  frame_lines result;
  if (return_address == nullptr || debug_info() == nullptr) {
    return {};
  }
  runtime_scope scope;
  // The return address follows the call; step back into the call itself.
  auto pc = reinterpret_cast<std::uintptr_t>(return_address) - 1;
  backtrace_pcinfo(debug_info(), pc, &collect_line, nullptr, &result);
  return std::move(result.lines);
}

// Code in the C and C++ libraries and other system libraries, whose debug
// information (when installed) names their own sources, and the detector.
bool in_system_object(const void *pc) {
  Dl_info object{};
  if (::dladdr(pc, &object) == 0 || object.dli_fname == nullptr) {
    return false;
  }
  const std::string_view name = object.dli_fname;
  static constexpr std::string_view system_dirs[] = {
      "/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/"};
  for (std::string_view dir : system_dirs) {
    if (name.starts_with(dir)) {
      return true;
    }
  }
  return name.find("libaio_blockdetect") != std::string_view::npos ||
         name.find("linux-vdso") != std::string_view::npos;
}

} // namespace

code_location symbolize_call_site(const void *return_address) {
  for (auto &where : lines_at(return_address)) {
    if (is_user_file(where.file, AIO_SOURCE_ROOT)) {
      return where;
    }
  }
  return {};
}

code_location first_user_frame(void *const *frames, int count) {
  for (int i = 0; i < count; ++i) {
    // By object first: whatever its debug information calls its source
    // files (glibc's are relative, a build cache may have compiled the
    // detector in another tree).
    if (in_system_object(frames[i])) {
      continue;
    }
    for (auto &where : lines_at(frames[i])) {
      if (is_user_file(where.file, AIO_SOURCE_ROOT)) {
        return where;
      }
    }
  }
  return {};
}

#else

code_location symbolize_call_site(const void *) { return {}; }
code_location first_user_frame(void *const *, int) { return {}; }

#endif

} // namespace detail

} // namespace aio
