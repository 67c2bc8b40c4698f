#pragma once

// aio::task_group: structured concurrency in the manner of asyncio.TaskGroup.
//
//   aio::task_group group;
//   group.spawn(fetch(1));
//   group.spawn(fetch(2));
//   co_await group.join(); // waits for both; rethrows the first failure
//
// When a child fails, the other children are cancelled and join() rethrows
// the first error once every child has finished; errors() keeps them all. If
// the task waiting in join() is cancelled, the children are cancelled too.
// A group never outlives its scope: destroying it with children still
// running destroys their frames on the spot (their locals are destructed, no
// more of their code runs) and reports the bug to the loop's exception
// handler and, in debug mode, as report_kind::group_not_joined.

#include "aio/detail/task_state.hpp"
#include "aio/detail/waiter.hpp"
#include "aio/event_loop.hpp"
#include "aio/task.hpp"
#include "aio/task_handle.hpp"

#include <cstddef>
#include <exception>
#include <source_location>
#include <stdexcept>
#include <vector>

namespace aio {

namespace detail {
struct group_spawn_access;
} // namespace detail

class task_group {
public:
  explicit task_group(
      std::source_location where = std::source_location::current()) noexcept
      : where_(where) {}
  task_group(const task_group &) = delete;
  task_group &operator=(const task_group &) = delete;
  ~task_group();

  // Schedules `t` as a child. A group that has failed or is cancelling
  // cancels new children before their first step.
  template <class T>
  void spawn(task<T> t,
             std::source_location where = std::source_location::current()) {
    spawn_created_at(std::move(t), where, nullptr);
  }

  class join_awaiter final : public detail::parked_waiter {
  public:
    explicit join_awaiter(task_group &group) noexcept : group_(&group) {}
    ~join_awaiter() {
      if (group_->joiner_ == this) {
        group_->joiner_ = nullptr;
      }
    }

    [[nodiscard]] bool await_ready() const noexcept {
      return group_->children_.empty();
    }
    bool await_suspend(std::coroutine_handle<> handle);
    void await_resume();
    void cancel() noexcept override;
    // The last child finished.
    void children_done() noexcept { wake(); }

  private:
    friend class task_group;
    task_group *group_;
    bool joiner_cancelled_ = false;
  };

  // Waits until every child has finished.
  [[nodiscard]] join_awaiter join() noexcept { return join_awaiter{*this}; }

  // Cancels every running child.
  void cancel() noexcept;

  [[nodiscard]] std::size_t running() const noexcept {
    return children_.size();
  }
  // Every child failure except cancellations, in the order they happened.
  [[nodiscard]] const std::vector<std::exception_ptr> &errors() const noexcept {
    return errors_;
  }

private:
  friend struct detail::group_spawn_access;
  friend void detail::notify_group(task_group &, detail::task_state &) noexcept;

  // A child created on behalf of the code that called through `call_site`
  // (gather): reports name that caller when `where` is unknown.
  template <class T>
  void spawn_created_at(task<T> t, std::source_location where,
                        const void *call_site) {
    event_loop &loop = detail::running_loop_or_throw("task_group::spawn");
    auto handle = detail::task_access::release(t);
    if (!handle) {
      throw std::invalid_argument("aio: task_group::spawn on an empty task");
    }
    loop_ = &loop;
    detail::task_state &child = handle.promise();
    if (call_site != nullptr) {
      child.call_site = call_site;
    }
    loop.adopt(child, handle, where);
    child.group = this;
    children_.push_back(child.links);
    if (cancelling_) {
      child.request_cancel();
    }
  }

  friend bool detail::group_is_joining(const task_group &) noexcept;

  detail::intrusive_list<detail::root_links, detail::group_tag> children_;
  std::vector<std::exception_ptr> errors_;
  join_awaiter *joiner_ = nullptr;
  event_loop *loop_ = nullptr;
  std::source_location where_;
  bool cancelling_ = false;
  bool joined_ = false;
};

} // namespace aio
