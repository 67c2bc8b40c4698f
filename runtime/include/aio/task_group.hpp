#pragma once

// aio::task_group: structured concurrency in the manner of asyncio.TaskGroup.
//
//   int n = co_await aio::with_task_group(
//       [&](aio::task_group &group) -> aio::task<int> {
//         group.spawn(fetch(1));
//         group.spawn(fetch(2));
//         co_return 2;
//       }); // every child has ended here, whatever happened
//
// with_task_group runs the body as a task of its own and completes only when
// the body and every child have ended. When a child fails, the other
// children and the body are cancelled; when the body fails or is cancelled,
// the children are cancelled; cancelling the caller cancels them all. Then
// the failures are raised: a single one as itself, two or more as
// aio::exception_group. Otherwise the body's value is returned.
//
// The plain object form waits in join(), which any number of tasks may
// await; each sees the same outcome. A group never outlives its scope:
// destroying it with tasks still running destroys their frames on the spot
// (their locals are destructed, no more of their code runs; a lock, permit
// or item granted to them passes on) and reports the bug to the loop's
// exception handler and, in debug mode, as report_kind::group_not_joined.

#include "aio/detail/intrusive_list.hpp"
#include "aio/detail/task_state.hpp"
#include "aio/detail/waiter.hpp"
#include "aio/errors.hpp"
#include "aio/event_loop.hpp"
#include "aio/task.hpp"
#include "aio/task_handle.hpp"

#include <coroutine>
#include <cstddef>
#include <exception>
#include <functional>
#include <source_location>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace aio {

namespace detail {
struct joiner_tag {};
// with_task_group's access to the group's scope-only members.
struct scope_access;
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

  class join_awaiter final : public detail::parked_waiter,
                             public detail::list_hook<detail::joiner_tag> {
  public:
    explicit join_awaiter(task_group &group, bool waits_for_body) noexcept
        : group_(&group), waits_for_body_(waits_for_body) {
      awaited_group_ = group_;
    }

    [[nodiscard]] bool await_ready() const noexcept {
      return group_->finished(waits_for_body_);
    }
    bool await_suspend(std::coroutine_handle<> handle);
    void await_resume();
    void cancel() noexcept override;

  private:
    friend class task_group;
    // Takes the group's outcome and lets go of the group: once woken, the
    // joiner may resume after the group's owner has returned and destroyed
    // it (several tasks can wait in one join()).
    void settle() noexcept;

    task_group *group_;
    std::exception_ptr outcome_;
    bool waits_for_body_;
    bool joiner_cancelled_ = false;
  };

  // Waits until every child has finished, then rethrows their failures: a
  // single one as itself, two or more as aio::exception_group. Any number of
  // tasks may wait at once.
  [[nodiscard]] join_awaiter join() noexcept {
    return join_awaiter{*this, false};
  }

  // Cancels every running child (not the body of with_task_group).
  void cancel() noexcept;

  [[nodiscard]] std::size_t running() const noexcept {
    return children_.size();
  }
  // Every child failure except cancellations, in the order they happened
  // (with with_task_group, the body's too).
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
    auto handle =
        detail::task_access::release_unstarted(t, "task_group::spawn");
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
  friend struct detail::scope_access;

  // with_task_group's body runs as a root task the group keeps a reference
  // to, so its value outlives its frame's completion.
  template <class T>
  std::coroutine_handle<detail::task_promise<T>>
  start_body(task<T> t, std::source_location where) {
    event_loop &loop = detail::running_loop_or_throw("with_task_group");
    auto handle = detail::task_access::release_unstarted(t, "with_task_group");
    loop_ = &loop;
    detail::task_state &body = handle.promise();
    loop.adopt(body, handle, where);
    body.add_ref();
    body.group = this;
    body_ = &body;
    return handle;
  }

  // Waits for the body and every child, then raises like join().
  [[nodiscard]] join_awaiter join_scope() noexcept {
    return join_awaiter{*this, true};
  }

  [[nodiscard]] bool finished(bool with_body) const noexcept {
    return children_.empty() && (!with_body || body_ == nullptr || body_->done);
  }
  // On a failure or the waiting task's cancellation: cancels the children
  // and the body.
  void cancel_all() noexcept;
  void record_failure(std::exception_ptr error) noexcept;
  void body_ended(detail::task_state &body) noexcept;
  void wake_finished_joiners() noexcept;
  // nullptr, the single failure, or an exception_group of them all.
  [[nodiscard]] std::exception_ptr failure_outcome() noexcept;

  detail::intrusive_list<detail::root_links, detail::group_tag> children_;
  detail::intrusive_list<join_awaiter, detail::joiner_tag> joiners_;
  std::vector<std::exception_ptr> errors_;
  // The exception_group raised last; rebuilt once errors_ has grown.
  std::exception_ptr raised_group_;
  detail::task_state *body_ = nullptr;
  event_loop *loop_ = nullptr;
  std::source_location where_;
  bool cancelling_ = false;
  bool body_cancelled_ = false;
  bool joined_ = false;
};

namespace detail {

struct scope_access {
  template <class T>
  static auto start_body(task_group &group, task<T> body,
                         std::source_location where) {
    return group.start_body(std::move(body), where);
  }
  static auto join_scope(task_group &group) noexcept {
    return group.join_scope();
  }
};

} // namespace detail

// Runs `body(group)` with a fresh group and completes once the body and
// every task it spawned have ended; returns the body's value. A C++
// destructor cannot co_await, so this is the form that guarantees children
// are cancelled and awaited, and their cleanup runs, before an error leaves.
template <class Body>
auto with_task_group(
    Body body, std::source_location where = std::source_location::current())
    -> task<typename std::invoke_result_t<Body &, task_group &>::value_type> {
  task_group group(where);
  auto body_frame =
      detail::scope_access::start_body(group, std::invoke(body, group), where);
  co_await detail::scope_access::join_scope(group);
  co_return body_frame.promise().take_result();
}

} // namespace aio
