#pragma once

// Bookkeeping shared by every task frame. A frame started by create_task,
// spawn or run is a *root*: it is what cancel() targets and what the loop
// schedules. Awaited child frames only use the first few members. Keeping the
// root state inside the promise means a scheduled task costs one allocation.

#include "aio/detail/intrusive_list.hpp"

#include <coroutine>
#include <cstdint>
#include <exception>
#include <memory>
#include <source_location>
#include <string>

namespace aio {
class event_loop;
class task_group;
} // namespace aio

namespace aio::detail {

struct live_tag {};
struct group_tag {};
struct listener_tag {};

class task_state;

// A place where a root task is parked. cancel() is how task cancellation
// reaches whatever the task is waiting for.
class suspension {
public:
  virtual void cancel() noexcept = 0;
  // As cancel(), but a suspension that passes the cancellation on to another
  // root task returns that task instead of cancelling it, so that
  // request_cancel walks chains of awaits in a loop, not by recursion.
  virtual task_state *cancel_and_forward() noexcept {
    cancel();
    return nullptr;
  }

protected:
  suspension() = default;
  suspension(const suspension &) = default;
  suspension &operator=(const suspension &) = default;
  ~suspension() = default;
};

// Notified once when a root task finishes.
class done_listener : public list_hook<listener_tag> {
public:
  virtual void on_done() noexcept = 0;
  // True while the wait is bounded by a deadline (debug mode: such a wait
  // is never a stuck await of a cancelled task).
  [[nodiscard]] virtual bool has_deadline() const noexcept { return false; }

protected:
  done_listener() = default;
  done_listener(done_listener &&) noexcept = default;
  ~done_listener() = default;
};

// Reports a task destroyed before it was started (debug mode only).
void report_never_awaited(const task_state &frame) noexcept;

// The lists a root task sits in. Built only when a frame becomes a root, so
// awaited child frames neither initialize nor tear them down.
struct root_links : list_hook<live_tag>, list_hook<group_tag> {
  explicit root_links(task_state &state) noexcept : owner(&state) {}
  task_state *owner;
  intrusive_list<done_listener, listener_tag> listeners;
};

class task_state {
public:
  task_state() noexcept {}
  task_state(const task_state &) = delete;
  task_state &operator=(const task_state &) = delete;
  // An awaited child frame, the common case, only tests two flags here, so
  // the compiler can inline the frame's destruction into the awaiter.
  ~task_state() {
    if (!started || is_root) [[unlikely]] {
      end_unstarted_or_root();
    }
  }

  // Turns this frame into a root task (once).
  void make_root() noexcept {
    std::construct_at(&links, *this);
    is_root = true;
    done = false;
    cancel_requested = false;
    cancel_called = false;
    cancel_delivered = false;
    detached = false;
    observed = false;
    stuck_reported = false;
    ended_cancelled = false;
    slow_cleanup_reported = false;
    refs = 0;
    loop = nullptr;
    frame = nullptr;
    parked = nullptr;
    group = nullptr;
    created_at = {};
  }

  // --- used by every frame
  std::coroutine_handle<> continuation;
  std::exception_ptr exception;
  std::source_location defined_at;
  // Return address of the coroutine call, for never-awaited reports.
  const void *call_site = nullptr;
  bool started = false;

  // --- used by root frames only; set by make_root(), so awaited child
  // frames skip their initialization
  bool is_root = false;
  bool done;
  bool cancel_requested; // to be thrown at the next suspension point
  bool cancel_called;    // cancel() was called at least once
  bool cancel_delivered; // cancelled_error was thrown into the task
  bool detached;         // exceptions go to the loop's handler
  bool observed;         // someone looked at the outcome
  bool stuck_reported;
  bool ended_cancelled; // finished by letting cancelled_error out
  bool slow_cleanup_reported;
  std::uint32_t refs;
  event_loop *loop;
  std::coroutine_handle<> frame;
  suspension *parked;
  task_group *group;
  std::source_location created_at;
  union {
    root_links links; // alive while is_root
  };

  // Returns false if the task already finished.
  bool request_cancel() noexcept;
  // Runs at the root's final suspend: notifies and drops the running ref.
  void complete() noexcept;
  void add_ref() noexcept { ++refs; }
  // Destroys the frame when the last reference goes.
  void release() noexcept;

private:
  // Reports a frame never started and unlinks a root's lists.
  [[gnu::cold]] void end_unstarted_or_root() noexcept;
};

// The root task whose step is running on this thread, or nullptr.
[[nodiscard]] task_state *current_task() noexcept;

// Implemented by task_group: a child finished.
void notify_group(task_group &group, task_state &child) noexcept;
// Implemented by task_group: someone waits in join().
[[nodiscard]] bool group_is_joining(const task_group &group) noexcept;

// Names used in reports: the coroutine function, and where the task was
// created (the create_task/spawn/run call, else the coroutine's definition).
[[nodiscard]] std::string task_name(const task_state &task);
[[nodiscard]] std::source_location
creation_site(const task_state &task) noexcept;

} // namespace aio::detail
