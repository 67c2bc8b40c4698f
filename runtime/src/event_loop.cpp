#include "aio/event_loop.hpp"

#include "aio/detail/thread_pool.hpp"
#include "internal.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <system_error>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace aio {

namespace {

thread_local event_loop *running_loop = nullptr;

[[noreturn]] void throw_errno(const char *what) {
  throw std::system_error(errno, std::generic_category(), what);
}

std::string describe(const std::exception_ptr &error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception &e) {
    return e.what();
  } catch (...) {
    return "unknown exception";
  }
}

} // namespace

void print_exception_to_stderr(const exception_context &context) {
  detail::runtime_scope scope;
  std::string line = "aio: " + context.message;
  if (context.error) {
    line += ": " + describe(context.error);
  }
  if (!context.task_name.empty()) {
    line += " [task " + context.task_name;
    if (context.created_at.known()) {
      line += " created at " + context.created_at.to_string();
    }
    line += "]";
  }
  std::fprintf(stderr, "%s\n", line.c_str());
}

event_loop::running_scope::running_scope(event_loop &loop)
    : previous_(running_loop) {
  if (previous_ != nullptr) {
    throw std::logic_error(
        "aio: cannot run an event loop while another one is running on this "
        "thread");
  }
  running_loop = &loop;
}

event_loop::running_scope::~running_scope() { running_loop = previous_; }

event_loop *event_loop::current() noexcept { return running_loop; }

event_loop::event_loop(loop_options options)
    : options_(std::move(options)), clock_(options_.clock) {
  if (!clock_) {
    clock_ = std::make_shared<real_clock>();
  }
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd_ < 0) {
    throw_errno("aio: epoll_create1");
  }
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0) {
    int saved = errno;
    ::close(epoll_fd_);
    errno = saved;
    throw_errno("aio: eventfd");
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.ptr = nullptr; // the pool's wake-up
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev) != 0) {
    int saved = errno;
    ::close(wake_fd_);
    ::close(epoll_fd_);
    errno = saved;
    throw_errno("aio: epoll_ctl");
  }
  if (options_.debug) {
    detail::install_blocking_call_hook();
  }
}

event_loop::~event_loop() {
  closing_ = true;
  // Frames destroyed here may look up the current loop.
  event_loop *previous = std::exchange(running_loop, this);
  ready_.clear();
  destroy_unreferenced_pending_tasks();
  // Whatever is left is finished, or pending and referenced by task handles
  // that outlive the loop; detach both so they never touch this loop again.
  while (detail::root_links *l = live_.pop_front()) {
    detail::task_state *t = l->owner;
    if (!t->done) {
      report_exception(nullptr,
                       "task handle outlives its event loop; the task's "
                       "frame is leaked",
                       t);
    }
    t->loop = nullptr;
  }
  running_loop = previous;
  pool_.reset(); // joins the workers before the eventfd goes away
  ::close(wake_fd_);
  ::close(epoll_fd_);
}

// Destroys pending tasks nobody else references. Destroying one releases the
// handles its frame held, which may leave others referenced by the loop
// alone: release() hands those over (only_loop_references), so each task is
// looked at once.
void event_loop::destroy_unreferenced_pending_tasks() {
  for (detail::root_links *l = live_.front(); l != nullptr;) {
    detail::root_links *next = live_.next(*l);
    if (!l->owner->done && l->owner->refs == 1) {
      only_loop_references(*l->owner);
    }
    l = next;
  }
  while (detail::root_links *l = unreferenced_.pop_front()) {
    report(report_kind::destroyed_pending,
           "task was still pending when its event loop was destroyed",
           l->owner);
    l->owner->frame.destroy();
  }
}

void event_loop::only_loop_references(detail::task_state &task) noexcept {
  static_cast<detail::list_hook<detail::live_tag> &>(task.links).unlink();
  unreferenced_.push_back(task.links);
}

std::size_t event_loop::pending_tasks() const noexcept {
  std::size_t n = 0;
  auto &live = const_cast<
      detail::intrusive_list<detail::root_links, detail::live_tag> &>(live_);
  for (detail::root_links *l = live.front(); l != nullptr; l = live.next(*l)) {
    n += l->owner->done ? 0 : 1;
  }
  return n;
}

void event_loop::adopt(detail::task_state &root, std::coroutine_handle<> frame,
                       std::source_location created_at) {
  root.make_root();
  root.started = true;
  root.loop = this;
  root.frame = frame;
  root.created_at = created_at;
  root.add_ref();
  live_.push_back(root.links);
  schedule(frame, &root);
}

void event_loop::destroy_root(detail::task_state &root) noexcept {
  ready_.forget(root);
  root.frame.destroy();
}

void event_loop::watch(detail::io_registration &io) {
  epoll_event ev{};
  // Edge-triggered: operations always try the syscall first and wait only
  // after EAGAIN, so no edge is missed.
  ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
  ev.data.ptr = &io;
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, io.fd, &ev) != 0) {
    throw_errno("aio: epoll_ctl(ADD)");
  }
}

void event_loop::unwatch(detail::io_registration &io) noexcept {
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, io.fd, nullptr);
}

void event_loop::submit(std::shared_ptr<detail::pool_job> job) {
  if (!pool_) {
    unsigned n = options_.thread_pool_size;
    if (n == 0) {
      n = std::max(2U, std::thread::hardware_concurrency());
    }
    pool_ = std::make_unique<detail::thread_pool>(n, wake_fd_);
  }
  pool_->submit(std::move(job));
  ++pool_in_flight_;
}

void event_loop::report(report_kind kind, std::string message,
                        const detail::task_state *task, code_location where) {
  if (!options_.debug) {
    return;
  }
  detail::runtime_scope scope;
  detail::report_overhead_scope overhead;
  debug_report r;
  r.kind = kind;
  r.message = std::move(message);
  if (task != nullptr) {
    r.task_name = detail::task_name(*task);
    if (!where.known()) {
      where = detail::creation_location(*task);
    }
  }
  r.where = std::move(where);
  if (options_.on_debug_report) {
    options_.on_debug_report(r);
  } else {
    print_to_stderr(r);
  }
}

void event_loop::report_exception(std::exception_ptr error, std::string message,
                                  const detail::task_state *task) {
  detail::runtime_scope scope;
  exception_context context;
  context.error = std::move(error);
  context.message = std::move(message);
  if (task != nullptr) {
    context.task_name = detail::task_name(*task);
    context.created_at = detail::creation_location(*task);
  }
  if (options_.on_exception) {
    options_.on_exception(context);
  } else {
    print_exception_to_stderr(context);
  }
}

void event_loop::drive(detail::task_state &target) {
  while (!target.done) {
    run_once();
  }
}

void event_loop::run_once() {
  fire_due_timers();
  if (ready_.empty()) {
    if (options_.debug) {
      check_stuck_cancelled();
    }
    if (timers_.empty() && io_waiters_ == 0 && pool_in_flight_ == 0) {
      throw deadlock_error(
          "aio: deadlock: no task is ready and no timer, I/O or thread-pool "
          "work is pending, yet the awaited task has not finished");
    }
    wait_for_events(true);
    fire_due_timers();
  } else if ((io_waiters_ != 0 || pool_in_flight_ != 0) &&
             (++batches_ & 15U) == 0) {
    // Busy loops still let I/O completions in now and then.
    poll_io(0);
  }
  // Only what is ready now runs in this batch; work scheduled by these steps
  // waits for the next one, so timers and I/O get their turn.
  for (std::size_t n = ready_.size(); n != 0 && !ready_.empty(); --n) {
    run_step(ready_.pop());
  }
}

void event_loop::run_step(detail::ready_item item) {
  if (!item.handle) {
    return; // its frame was destroyed after it was queued
  }
  current_task_ = item.task;
  if (!options_.debug) {
    item.handle.resume();
    current_task_ = nullptr;
    return;
  }
  // The task may finish and be destroyed during the step: keep what the
  // slow-step report needs.
  std::source_location defined{};
  std::source_location created{};
  const void *created_by = nullptr;
  if (item.task != nullptr) {
    defined = item.task->defined_at;
    created = detail::creation_site(*item.task);
    if (item.task->is_root && item.task->created_at.line() == 0) {
      created_by = item.task->call_site;
    }
  }
  // Steps are timed in real time even when the loop runs on a manual clock.
  report_overhead_ = {};
  std::uint64_t lock_mark = ~std::uint64_t{0};
  (void)detail::locks_held_since(lock_mark);
  auto start = std::chrono::steady_clock::now();
  item.handle.resume();
  auto took = std::chrono::steady_clock::now() - start - report_overhead_;
  current_task_ = nullptr;
  if (code_location locked_at;
      detail::locks_held_since(lock_mark, &locked_at) > 0) {
    report(report_kind::lock_held_across_suspension,
           std::string("thread mutex locked here is still held when the step "
                       "of ") +
               defined.function_name() +
               " ends; another task on this thread that locks it deadlocks",
           nullptr, locked_at);
  }
  if (took > options_.slow_step) {
    using ms = std::chrono::duration<double, std::milli>;
    char text[160];
    std::snprintf(text, sizeof text,
                  "step took %.1f ms of loop time (threshold %.1f ms)",
                  ms(took).count(), ms(options_.slow_step).count());
    detail::runtime_scope scope;
    debug_report r;
    r.kind = report_kind::slow_step;
    r.message = text;
    r.task_name = defined.function_name();
    r.where = detail::creation_location(created, created_by);
    if (options_.on_debug_report) {
      options_.on_debug_report(r);
    } else {
      print_to_stderr(r);
    }
  }
}

bool event_loop::fire_due_timers() {
  if (timers_.empty()) {
    return false;
  }
  const time_point now = clock_->now();
  bool fired = false;
  while (!timers_.empty() && timers_.top().deadline <= now) {
    detail::timer_node &timer = timers_.top();
    timers_.remove(timer);
    timer.fire();
    fired = true;
  }
  return fired;
}

void event_loop::wait_for_events(bool) {
  const bool io_pending = io_waiters_ != 0 || pool_in_flight_ != 0;
  // Debug mode wakes up when a cancelled task's grace ends, to check its
  // awaiters before time moves on.
  std::optional<time_point> wake_at;
  if (!timers_.empty()) {
    wake_at = timers_.top().deadline;
  }
  if (auto check = next_stuck_check();
      check && (!wake_at || *check < *wake_at)) {
    wake_at = check;
  }
  if (clock_->is_manual()) {
    if (io_pending) {
      if (poll_io(0) > 0) {
        return;
      }
      // Thread-pool work is real work: let it finish before time jumps.
      if (pool_in_flight_ != 0 || timers_.empty()) {
        poll_io(-1);
        return;
      }
    }
    clock_->jump_to(*wake_at);
    return;
  }
  int timeout_ms = -1;
  if (wake_at) {
    auto left = *wake_at - clock_->now();
    if (left <= duration::zero()) {
      timeout_ms = 0;
    } else {
      auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
      timeout_ms = static_cast<int>(std::min<long long>(ms, INT_MAX));
    }
  }
  poll_io(timeout_ms);
}

int event_loop::poll_io(int timeout_ms) {
  std::array<epoll_event, 64> events;
  int n = 0;
  {
    detail::runtime_scope scope;
    do {
      n = ::epoll_wait(epoll_fd_, events.data(),
                       static_cast<int>(events.size()), timeout_ms);
    } while (n < 0 && errno == EINTR);
  }
  if (n < 0) {
    throw_errno("aio: epoll_wait");
  }
  for (int i = 0; i < n; ++i) {
    const epoll_event &ev = events[static_cast<std::size_t>(i)];
    if (ev.data.ptr == nullptr) {
      drain_pool();
      continue;
    }
    auto *io = static_cast<detail::io_registration *>(ev.data.ptr);
    if ((ev.events & (EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP)) != 0 &&
        io->reader != nullptr) {
      std::exchange(io->reader, nullptr)->io_ready();
    }
    if ((ev.events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) != 0 &&
        io->writer != nullptr) {
      std::exchange(io->writer, nullptr)->io_ready();
    }
  }
  return n;
}

void event_loop::drain_pool() {
  std::uint64_t count = 0;
  {
    detail::runtime_scope scope;
    [[maybe_unused]] ssize_t r = ::read(wake_fd_, &count, sizeof count);
  }
  if (!pool_) {
    return;
  }
  for (auto &job : pool_->take_completed()) {
    --pool_in_flight_;
    job->finish();
  }
}

void event_loop::watch_cancelled(detail::task_state &task) noexcept {
  if (!options_.debug || task.stuck_reported) {
    return;
  }
  try {
    // Every grace has the same length, so appending keeps the queue in the
    // order the graces end; an earlier entry of this task no longer counts.
    const std::uint64_t serial = ++cancel_serial_;
    cancel_grace_.push_back(
        {&task, serial, clock_->now() + options_.stuck_cancel_grace});
    cancel_watched_[&task] = serial;
  } catch (...) { // out of memory: this await goes unchecked
  }
}

void event_loop::forget_cancelled(const detail::task_state &task) noexcept {
  cancel_watched_.erase(&task);
}

bool event_loop::still_watched(const cancel_watch &entry) const noexcept {
  auto it = cancel_watched_.find(entry.task);
  return it != cancel_watched_.end() && it->second == entry.serial &&
         !entry.task->done;
}

namespace {

// Awaited by a task that has no deadline: the awaiter waits as long as this
// task takes.
bool awaited_without_deadline(detail::task_state &task) {
  for (detail::done_listener *l = task.links.listeners.front(); l != nullptr;
       l = task.links.listeners.next(*l)) {
    if (!l->has_deadline()) {
      return true;
    }
  }
  return task.group != nullptr && detail::group_is_joining(*task.group);
}

} // namespace

std::optional<time_point> event_loop::next_stuck_check() noexcept {
  while (!cancel_grace_.empty() && !still_watched(cancel_grace_.front())) {
    cancel_grace_.pop_front();
  }
  if (cancel_grace_.empty()) {
    return std::nullopt;
  }
  return cancel_grace_.front().stuck_after;
}

void event_loop::check_stuck_cancelled() {
  // With no ready step, timer, I/O or pool work left, nothing can end a
  // pending cancelled task any more: the grace does not matter.
  const bool nothing_can_progress =
      timers_.empty() && io_waiters_ == 0 && pool_in_flight_ == 0;
  const time_point now = clock_->now();
  while (!cancel_grace_.empty() &&
         (nothing_can_progress || cancel_grace_.front().stuck_after <= now)) {
    if (still_watched(cancel_grace_.front())) {
      cancel_overdue_.push_back(cancel_grace_.front());
    }
    cancel_grace_.pop_front();
  }
  // Tasks past their grace: usually none, so this scan costs nothing.
  std::erase_if(cancel_overdue_, [&](const cancel_watch &entry) {
    if (!still_watched(entry)) {
      return true;
    }
    detail::task_state *t = entry.task;
    if (!awaited_without_deadline(*t)) {
      return false;
    }
    t->stuck_reported = true;
    cancel_watched_.erase(t);
    report(report_kind::stuck_cancelled_await,
           nothing_can_progress
               ? "awaiting a cancelled task that is still pending while "
                 "nothing is left that could end it (does it ignore "
                 "cancellation?)"
               : "awaiting a cancelled task that is still pending after "
                 "loop_options::stuck_cancel_grace (does it ignore "
                 "cancellation?)",
           t);
    return true;
  });
}

} // namespace aio
