#pragma once

#include <cstddef>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

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

// Thrown by a task group (join(), with_task_group) when two or more of its
// tasks failed: every failure, in the order they happened. A single failure
// is rethrown as itself. Copies share the failures, so copying never throws.
class exception_group : public std::exception {
public:
  explicit exception_group(std::vector<std::exception_ptr> errors)
      : state_(std::make_shared<const state>(std::move(errors))) {}

  [[nodiscard]] const std::vector<std::exception_ptr> &
  exceptions() const noexcept {
    return state_->errors;
  }
  [[nodiscard]] std::exception_ptr first() const noexcept {
    return state_->errors.empty() ? nullptr : state_->errors.front();
  }
  [[nodiscard]] std::size_t size() const noexcept {
    return state_->errors.size();
  }
  // "aio: 3 tasks failed; first: <what() of the first>".
  [[nodiscard]] const char *what() const noexcept override {
    return state_->message.c_str();
  }

private:
  struct state {
    explicit state(std::vector<std::exception_ptr> failures)
        : errors(std::move(failures)), message(summary(errors)) {}
    std::vector<std::exception_ptr> errors;
    std::string message;
  };

  static std::string summary(const std::vector<std::exception_ptr> &errors) {
    std::string message =
        "aio: " + std::to_string(errors.size()) + " tasks failed";
    if (errors.empty()) {
      return message;
    }
    message += "; first: ";
    try {
      std::rethrow_exception(errors.front());
    } catch (const std::exception &e) {
      message += e.what();
    } catch (...) {
      message += "unknown exception";
    }
    return message;
  }

  std::shared_ptr<const state> state_;
};

} // namespace aio
