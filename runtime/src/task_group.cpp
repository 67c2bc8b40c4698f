#include "aio/task_group.hpp"

#include <string>

namespace aio {

namespace detail {

void notify_group(task_group &group, task_state &child) noexcept {
  static_cast<list_hook<group_tag> &>(child.links).unlink();
  child.group = nullptr;
  child.observed = true;
  if (child.exception && !child.ended_cancelled) {
    try {
      group.errors_.push_back(child.exception);
    } catch (...) { // out of memory: the first error is what matters
    }
    group.cancel();
  }
  if (group.children_.empty() && group.joiner_ != nullptr) {
    std::exchange(group.joiner_, nullptr)->children_done();
  }
}

bool group_is_joining(const task_group &group) noexcept {
  return group.joiner_ != nullptr;
}

} // namespace detail

bool task_group::join_awaiter::await_suspend(std::coroutine_handle<> handle) {
  if (!park(handle)) {
    // A cancellation was pending: the children must not outlive the group,
    // so cancel them and wait; await_resume then throws.
    cancelled_ = false;
    joiner_cancelled_ = true;
    task_->parked = this;
    group_->cancel();
  }
  group_->joiner_ = this;
  return true;
}

void task_group::join_awaiter::await_resume() {
  unpark();
  group_->joined_ = true;
  if (!group_->errors_.empty()) {
    std::rethrow_exception(group_->errors_.front());
  }
  if (cancelled_ || joiner_cancelled_) {
    if (task_ != nullptr) {
      task_->cancel_delivered = true;
    }
    throw cancelled_error{};
  }
}

void task_group::join_awaiter::cancel() noexcept {
  // Keep waiting: the children finish their cancellation first.
  joiner_cancelled_ = true;
  task_->parked = this;
  group_->cancel();
}

void task_group::cancel() noexcept {
  cancelling_ = true;
  for (detail::root_links *child = children_.front(); child != nullptr;
       child = children_.next(*child)) {
    child->owner->request_cancel();
  }
}

task_group::~task_group() {
  if (loop_ == nullptr) {
    return;
  }
  if (!children_.empty()) {
    if (!loop_->closing()) {
      std::string message = "task_group destroyed with " +
                            std::to_string(children_.size()) +
                            " running children; their frames were destroyed";
      loop_->report(report_kind::group_not_joined, message, nullptr,
                    code_location::from(where_));
      loop_->report_exception(
          std::make_exception_ptr(std::logic_error("aio: " + message)), message,
          nullptr);
    }
    while (detail::root_links *child = children_.pop_front()) {
      child->owner->group = nullptr;
      loop_->destroy_root(*child->owner);
    }
  } else if (!joined_ && !errors_.empty() && !loop_->closing()) {
    loop_->report_exception(errors_.front(),
                            "task_group failed and was never joined", nullptr);
  }
}

} // namespace aio
