#pragma once

#include <stdexcept>

namespace aio {

// Thrown at a suspension point of a task that was cancelled. Deriving from
// std::exception (not std::runtime_error) keeps `catch (std::runtime_error&)`
// in user code from swallowing cancellation by accident. Unlike asyncio's
// CancelledError (a BaseException), it stays under std::exception, as
// Boost.Asio's operation_aborted (a system_error) does, so what() and error
// logging keep working; `catch (const std::exception &)` around a
// suspension point thus catches it, and async-lint's
// async-swallowed-cancellation reports such a handler when it can finish
// without rethrowing.
class cancelled_error : public std::exception {
public:
  [[nodiscard]] const char *what() const noexcept override {
    return "aio: task cancelled";
  }
};

// Thrown by wait_for when the deadline passes before the work finishes.
class timeout_error : public std::runtime_error {
public:
  timeout_error() : std::runtime_error("aio: operation timed out") {}
};

// Thrown by run_until_complete when nothing can make progress any more: no
// ready task, no timer, no I/O and no thread-pool work, yet the task is not
// finished.
class deadlock_error : public std::logic_error {
public:
  using std::logic_error::logic_error;
};

} // namespace aio
