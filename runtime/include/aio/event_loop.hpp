#pragma once

// aio::event_loop: one thread, a FIFO of ready coroutines, a timer heap, epoll
// for sockets and a lazily started thread pool for blocking work.

#include "aio/clock.hpp"
#include "aio/debug.hpp"
#include "aio/detail/ready_queue.hpp"
#include "aio/detail/task_state.hpp"
#include "aio/detail/timer_heap.hpp"
#include "aio/errors.hpp"
#include "aio/task.hpp"

#include <chrono>
#include <coroutine>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <source_location>
#include <string>
#include <unordered_map>
#include <vector>

namespace aio {

// What the exception handler receives for errors nobody else can take:
// failures of detached tasks, exceptions never retrieved, unjoined groups.
struct exception_context {
  std::exception_ptr error;
  std::string message;
  std::string task_name;
  code_location created_at;
};

using exception_handler = std::function<void(const exception_context &)>;

// Prints "aio: <message>: <what> [task <name> created at <loc>]" to stderr.
void print_exception_to_stderr(const exception_context &context);

struct loop_options {
  // nullptr selects aio::real_clock.
  std::shared_ptr<aio::clock> clock;
  bool debug = false;
  // Debug mode: steps longer than this (real time) are reported.
  std::chrono::nanoseconds slow_step = std::chrono::milliseconds(100);
  // Debug mode: more tasks than this created at one call site and in flight
  // at once are reported as an unbounded fan-out.
  std::size_t max_tasks_per_call_site = 1000;
  // Debug mode: a task that awaits, with no deadline, a task cancelled
  // longer ago than this (loop time) that has not finished yet is reported
  // as stuck_cancelled_await; so is such an await as soon as nothing (no
  // ready step, timer, I/O or thread-pool work) is left that could end it.
  std::chrono::nanoseconds stuck_cancel_grace = std::chrono::seconds(1);
  // Debug mode: receives reports; empty prints them to stderr.
  debug_sink on_debug_report;
  // Empty prints to stderr. If the handler throws, its failure and the
  // error it was given are printed to stderr and the loop goes on.
  exception_handler on_exception;
  // Threads for to_thread and file I/O; 0 picks the number of cores (>= 2).
  unsigned thread_pool_size = 0;
  // Debug mode: a task that caught its cancellation and then stays parked
  // longer than this (loop time) in an await that is neither shielded nor
  // bounded by a deadline is reported, once per task.
  std::chrono::nanoseconds cancellation_cleanup_grace = std::chrono::seconds(1);
  // Debug mode: a network read, write or connect that waits longer than this
  // (loop time) with no deadline is reported, once per call site.
  std::chrono::nanoseconds io_idle_bound = std::chrono::seconds(30);
  // Debug mode: watch tcp_listener::accept too; off because a listener that
  // waits for clients until shutdown is usually what is meant.
  bool watch_idle_accept = false;
  // Loop time that tasks cancelled by shutdown() get to finish; what is
  // still pending then is destroyed.
  std::chrono::nanoseconds shutdown_grace = std::chrono::seconds(5);
};

namespace detail {

class thread_pool;
class pool_job;
class fan_out_counter;
class wait_watch;

// A socket watched by the loop. The loop calls ready() on the reader or
// writer when epoll says the direction may make progress.
class io_callback {
public:
  virtual void io_ready() noexcept = 0;

protected:
  io_callback() = default;
  ~io_callback() = default;
};

struct io_registration {
  int fd = -1;
  io_callback *reader = nullptr;
  io_callback *writer = nullptr;
};

} // namespace detail

class event_loop {
public:
  explicit event_loop(loop_options options = {});
  event_loop(const event_loop &) = delete;
  event_loop &operator=(const event_loop &) = delete;
  // Destroys the frames of tasks still pending (debug mode reports each);
  // runs no task code, so nothing declared after the loop is touched.
  ~event_loop();

  // Runs the loop until `t` finishes, then shutdown(); returns t's value or
  // rethrows. Throws std::logic_error if a loop is already running on this
  // thread, and aio::deadlock_error if nothing can make progress any more.
  template <class T>
  T run_until_complete(
      task<T> t, std::source_location where = std::source_location::current());

  // Cancels every pending task and runs the loop until they have all
  // finished, as asyncio.run does before it closes its loop: their cleanup
  // code runs. Gives up when loop_options::shutdown_grace has passed on the
  // loop's clock or nothing can make progress any more; the tasks still
  // pending then are destroyed (debug mode reports each). Throws
  // std::logic_error if a loop is running on this thread.
  void shutdown();

  // The loop running on this thread, or nullptr.
  [[nodiscard]] static event_loop *current() noexcept;

  [[nodiscard]] time_point now() const noexcept { return clock_->now(); }
  [[nodiscard]] aio::clock &clock() noexcept { return *clock_; }
  [[nodiscard]] bool debug() const noexcept { return options_.debug; }
  [[nodiscard]] const loop_options &options() const noexcept {
    return options_;
  }
  // Root tasks created on this loop that have not finished.
  [[nodiscard]] std::size_t pending_tasks() const noexcept;

  // --- Interface for the awaitables of this library.

  // Queues `handle` to resume inside `task`'s step.
  void schedule(std::coroutine_handle<> handle, detail::task_state *task) {
    ready_.push({handle, task});
  }
  [[nodiscard]] detail::task_state *running_task() const noexcept {
    return current_task_;
  }
  // A timer at aio::never is not queued: it cannot fire, and leaving it out
  // keeps the manual clock from jumping to the end of time.
  void add_timer(detail::timer_node &timer) {
    if (timer.deadline != never) {
      timers_.push(timer);
    }
  }
  void remove_timer(detail::timer_node &timer) noexcept {
    timers_.remove(timer);
  }
  void watch(detail::io_registration &io);
  void unwatch(detail::io_registration &io) noexcept;
  // Counts parked I/O waiters; with none, the loop never blocks in epoll.
  void io_wait_started() noexcept { ++io_waiters_; }
  void io_wait_ended() noexcept { --io_waiters_; }
  void submit(std::shared_ptr<detail::pool_job> job);

  // Takes ownership of a root frame (one reference for running) and queues
  // its first step.
  void adopt(detail::task_state &root, std::coroutine_handle<> frame,
             std::source_location created_at);
  // Debug mode: `task` was just cancelled; its awaiters are checked for a
  // stuck await once the grace has passed.
  void watch_cancelled(detail::task_state &task) noexcept;
  // Debug mode: the frame of cancelled `task` is being destroyed.
  void forget_cancelled(const detail::task_state &task) noexcept;

  // While the loop is being destroyed: the last handle to pending `task`
  // went away, so the loop may destroy it.
  void only_loop_references(detail::task_state &task) noexcept;

  // Destroys a root frame early (unjoined group children).
  void destroy_root(detail::task_state &root) noexcept;
  // A root adopted by this loop finished (debug mode: fan-out counts).
  void root_finished(const detail::task_state &root) noexcept;

  // Debug mode only; `where` defaults to where `task` was created.
  void report(report_kind kind, std::string message,
              const detail::task_state *task, code_location where = {});
  void report_exception(std::exception_ptr error, std::string message,
                        const detail::task_state *task);

  [[nodiscard]] bool closing() const noexcept { return closing_; }

  // Time spent building debug reports (symbolizing, the sink) is not
  // charged to the step that triggered them.
  void add_report_overhead(std::chrono::nanoseconds d) noexcept {
    report_overhead_ += d;
  }

  // Marks this loop as the one running on the current thread.
  class running_scope {
  public:
    explicit running_scope(event_loop &loop);
    running_scope(const running_scope &) = delete;
    running_scope &operator=(const running_scope &) = delete;
    ~running_scope();

  private:
    event_loop *previous_;
  };

private:
  friend class detail::wait_watch;

  void drive(detail::task_state &target);
  void run_once();
  bool fire_due_timers();
  void wait_for_events(bool may_block);
  int poll_io(int timeout_ms);
  void drain_pool();
  void check_stuck_cancelled();
  struct cancel_watch;
  [[nodiscard]] bool still_watched(const cancel_watch &entry) const noexcept;
  // Debug mode: when the next stuck-cancelled-await check is due, if any.
  [[nodiscard]] std::optional<time_point> next_stuck_check() noexcept;
  void run_step(detail::ready_item item);
  void poll_io_now_and_then();
  void run_ready_batch();
  // Debug mode: whether a task waiting for `task` (or for its group), or
  // one waiting for that waiter, and so on, has a deadline.
  [[nodiscard]] bool awaited_with_deadline(const detail::task_state &task);
  void cancel_for_shutdown();
  bool run_shutdown_batch(time_point limit);
  bool wait_for_shutdown_events(time_point limit);
  void destroy_pending(report_kind kind, const char *message) noexcept;
  void shutdown_after_failure() noexcept;

  loop_options options_;
  std::shared_ptr<aio::clock> clock_;
  detail::ready_queue ready_;
  detail::timer_heap timers_;
  detail::intrusive_list<detail::root_links, detail::live_tag> live_;
  // While the loop is being destroyed: pending tasks no handle refers to.
  detail::intrusive_list<detail::root_links, detail::live_tag> unreferenced_;
  // Debug mode: cancelled tasks in the order their grace ends, and those
  // whose grace has ended while nobody awaited them. Kept here rather than
  // in every task frame; an entry counts only while `cancel_watched_` maps
  // its task to its serial (the task's frame is alive and this is its latest
  // cancellation).
  struct cancel_watch {
    detail::task_state *task;
    std::uint64_t serial;
    time_point stuck_after;
  };
  std::deque<cancel_watch> cancel_grace_;
  std::vector<cancel_watch> cancel_overdue_;
  std::unordered_map<const detail::task_state *, std::uint64_t> cancel_watched_;
  std::uint64_t cancel_serial_ = 0;
  detail::task_state *current_task_ = nullptr;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::size_t io_waiters_ = 0;
  std::size_t pool_in_flight_ = 0;
  std::unique_ptr<detail::thread_pool> pool_;
  // Debug mode: roots in flight per creation site.
  std::unique_ptr<detail::fan_out_counter> fan_out_;
  std::uint32_t batches_ = 0;
  std::chrono::nanoseconds report_overhead_{};
  bool closing_ = false;
  // Debug mode: call sites already reported as io-without-deadline.
  std::set<std::string> idle_io_sites_reported_;
};

template <class T>
T event_loop::run_until_complete(task<T> t, std::source_location where) {
  auto handle = detail::task_access::release_unstarted(t, "run_until_complete");
  auto &root = handle.promise();
  // Owns the frame until adopt() takes it; adopt never throws after linking.
  struct reference {
    detail::task_state *state;
    std::coroutine_handle<> frame;
    ~reference() {
      if (state != nullptr) {
        state->release();
      } else {
        frame.destroy();
      }
    }
  } ref{nullptr, handle};
  root.started = true;
  try {
    running_scope scope(*this);
    adopt(root, handle, where);
    root.add_ref();
    ref.state = &root;
    drive(root);
  } catch (...) {
    if (ref.state != nullptr) { // the loop ran: what is left gets cancelled
      shutdown_after_failure();
    }
    throw;
  }
  // While the caller's objects are all still alive (the loop's destructor
  // might run after some of them are gone).
  shutdown();
  root.observed = true;
  return handle.promise().take_result();
}

// Runs `t` on a new loop with default options (real clock) and returns its
// value or rethrows. Throws std::logic_error inside a running loop.
template <class T>
T run(task<T> t, std::source_location where = std::source_location::current()) {
  if (event_loop::current() != nullptr) {
    throw std::logic_error("aio::run called from a running event loop");
  }
  event_loop loop;
  return loop.run_until_complete(std::move(t), where);
}

} // namespace aio
