#pragma once

// Shared by the runtime tests: loops on a manual clock that collect debug
// reports and handled exceptions instead of printing them.

#include "aio/aio.hpp"

#include <memory>
#include <string>
#include <vector>

namespace aio_test {

struct recorder {
  std::vector<aio::debug_report> reports;
  std::vector<aio::exception_context> exceptions;

  [[nodiscard]] std::size_t count(aio::report_kind kind) const {
    std::size_t n = 0;
    for (const auto &r : reports) {
      n += r.kind == kind ? 1 : 0;
    }
    return n;
  }
  [[nodiscard]] const aio::debug_report *first(aio::report_kind kind) const {
    for (const auto &r : reports) {
      if (r.kind == kind) {
        return &r;
      }
    }
    return nullptr;
  }
};

inline aio::loop_options manual_options(recorder *rec = nullptr,
                                        bool debug = false) {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = debug;
  options.thread_pool_size = 2;
  if (rec != nullptr) {
    options.on_debug_report = [rec](const aio::debug_report &r) {
      rec->reports.push_back(r);
    };
    options.on_exception = [rec](const aio::exception_context &c) {
      rec->exceptions.push_back(c);
    };
  }
  return options;
}

// Loop time elapsed since the manual clock's epoch.
inline std::chrono::nanoseconds elapsed(aio::event_loop &loop) {
  return loop.now().time_since_epoch();
}

} // namespace aio_test
