#pragma once

// Shared by the runtime tests: loops on a manual clock that collect debug
// reports and handled exceptions instead of printing them.

#include "aio/aio.hpp"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <pthread.h>

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

// Runs `body` on a thread with a stack of `stack_bytes`, so that a test can
// show constant stack use without building a chain deep enough to overflow
// the main thread's 8 MiB (every link costs a thrown exception, which is slow
// under AddressSanitizer).
template <class Body>
void run_on_small_stack(std::size_t stack_bytes, Body body) {
  pthread_attr_t attributes;
  ASSERT_EQ(pthread_attr_init(&attributes), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attributes, stack_bytes), 0);
  auto start = [](void *argument) -> void * {
    try {
      (*static_cast<Body *>(argument))();
    } catch (const std::exception &e) {
      ADD_FAILURE() << "unexpected exception: " << e.what();
    }
    return nullptr;
  };
  pthread_t thread;
  ASSERT_EQ(pthread_create(&thread, &attributes, +start, &body), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attributes);
}

} // namespace aio_test
