#include "aio/task_group.hpp"

#include <algorithm>
#include <string>

namespace aio {

namespace detail {

void notify_group(task_group &group, task_state &child) noexcept {
  child.group = nullptr;
  child.observed = true;
  if (&child == group.body_) {
    group.body_ended(child);
  } else {
    static_cast<list_hook<group_tag> &>(child.links).unlink();
    if (child.exception && !child.ended_cancelled) {
      group.record_failure(child.exception);
      group.cancel_all();
    }
  }
  group.wake_finished_joiners();
}

bool group_is_joining(const task_group &group) noexcept {
  return !group.joiners_.empty();
}

} // namespace detail

bool task_group::join_awaiter::await_suspend(std::coroutine_handle<> handle) {
  if (!park(handle)) {
    // A cancellation was pending: the children must not outlive the group,
    // so cancel them and wait; await_resume then throws.
    cancelled_ = false;
    joiner_cancelled_ = true;
    task_->parked = this;
    group_->cancel_all();
  }
  group_->joiners_.push_back(*this);
  return true;
}

void task_group::join_awaiter::settle() noexcept {
  group_->joined_ = true;
  outcome_ = group_->failure_outcome();
  group_ = nullptr;
  awaited_group_ = nullptr;
}

void task_group::join_awaiter::await_resume() {
  unpark();
  if (group_ != nullptr) { // finished before it had to wait
    settle();
  }
  if (outcome_) {
    std::rethrow_exception(outcome_);
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
  group_->cancel_all();
}

void task_group::cancel() noexcept {
  cancelling_ = true;
  for (detail::root_links *child = children_.front(); child != nullptr;
       child = children_.next(*child)) {
    child->owner->request_cancel();
  }
}

void task_group::cancel_all() noexcept {
  cancel();
  // Once: the body may be the very task whose cancellation got us here.
  if (body_ != nullptr && !body_cancelled_) {
    body_cancelled_ = true;
    body_->request_cancel();
  }
}

void task_group::record_failure(std::exception_ptr error) noexcept {
  try {
    errors_.push_back(std::move(error));
  } catch (...) { // out of memory: the first error is what matters
  }
}

void task_group::body_ended(detail::task_state &body) noexcept {
  if (!body.exception) {
    return;
  }
  if (!body.ended_cancelled) {
    // A body that awaited join() may rethrow what the group raised there.
    auto known = [this](const std::exception_ptr &error) {
      return std::find(errors_.begin(), errors_.end(), error) != errors_.end();
    };
    bool raised_by_group = known(body.exception);
    if (!raised_by_group) {
      try {
        std::rethrow_exception(body.exception);
      } catch (const exception_group &group) {
        raised_by_group = std::all_of(group.exceptions().begin(),
                                      group.exceptions().end(), known);
      } catch (...) {
      }
    }
    if (!raised_by_group) {
      record_failure(body.exception);
    }
  }
  cancel(); // the body failed or was cancelled: its children go too
}

void task_group::wake_finished_joiners() noexcept {
  for (join_awaiter *joiner = joiners_.front(); joiner != nullptr;) {
    join_awaiter *next = joiners_.next(*joiner);
    if (finished(joiner->waits_for_body_)) {
      static_cast<detail::list_hook<detail::joiner_tag> &>(*joiner).unlink();
      joiner->settle();
      joiner->wake();
    }
    joiner = next;
  }
}

std::exception_ptr task_group::failure_outcome() noexcept {
  if (errors_.empty()) {
    return nullptr;
  }
  if (errors_.size() == 1) {
    return errors_.front();
  }
  // Every joiner gets the same exception_group while no failure is added.
  bool stale = true;
  if (raised_group_) {
    try {
      std::rethrow_exception(raised_group_);
    } catch (const exception_group &group) {
      stale = group.size() != errors_.size();
    }
  }
  if (stale) {
    try {
      raised_group_ = std::make_exception_ptr(exception_group(errors_));
    } catch (...) { // out of memory: the first failure still gets out
      return errors_.front();
    }
  }
  return raised_group_;
}

task_group::~task_group() {
  if (loop_ == nullptr) {
    return;
  }
  // The group may outlive its loop (say, in the frame of a task whose handle
  // is kept past the loop). The loop's destructor destroys the pending
  // children and clears the loop pointer of every task it leaves behind, so
  // a task of ours still naming the loop shows it alive; with none, only the
  // loop current on this thread (running, or being destroyed) is known to be.
  event_loop *loop = nullptr;
  if (detail::root_links *child = children_.front()) {
    loop = child->owner->loop;
  } else if (body_ != nullptr) {
    loop = body_->loop;
  } else if (event_loop::current() == loop_) {
    loop = loop_;
  }
  const bool body_running = body_ != nullptr && !body_->done;
  if (loop == nullptr) {
    // The loop is gone and has leaked whatever it left pending: only make
    // sure those tasks no longer point here.
    while (detail::root_links *child = children_.pop_front()) {
      child->owner->group = nullptr;
    }
    if (body_running) {
      body_->group = nullptr;
    }
  } else if (!children_.empty() || body_running) {
    if (!loop->closing()) {
      std::string message =
          "task_group destroyed with " +
          std::to_string(children_.size() + (body_running ? 1 : 0)) +
          " running children; their frames were destroyed";
      loop->report(report_kind::group_not_joined, message, nullptr,
                   code_location::from(where_));
      loop->report_exception(
          std::make_exception_ptr(std::logic_error("aio: " + message)), message,
          nullptr);
    }
    while (detail::root_links *child = children_.pop_front()) {
      child->owner->group = nullptr;
      loop->destroy_root(*child->owner);
    }
    if (body_running) {
      body_->group = nullptr;
      loop->destroy_root(*std::exchange(body_, nullptr));
    }
  } else if (!joined_ && !errors_.empty() && !loop->closing()) {
    loop->report_exception(errors_.front(),
                           "task_group failed and was never joined", nullptr);
  }
  if (body_ != nullptr) {
    body_->release(); // finished; its value was taken or is dropped
  }
}

} // namespace aio
