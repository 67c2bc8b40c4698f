#include "aio/event_loop.hpp"

#include "aio/detail/thread_pool.hpp"
#include "aio/detail/waiter.hpp"
#include "internal.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

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

namespace detail {

// Roots in flight per creation site. A site is keyed by its text: a call
// site in an inline function compiled into several translation units may
// name its file through different pointers.
class fan_out_counter {
public:
  struct site_count {
    std::size_t in_flight = 0;
    bool reported = false;
  };

  site_count &started(const std::source_location &site) {
    site_count &count = sites_[key_of(site)];
    ++count.in_flight;
    return count;
  }

  void finished(const std::source_location &site) noexcept {
    auto it = sites_.find(key_of(site));
    if (it != sites_.end() && it->second.in_flight != 0) {
      --it->second.in_flight;
    }
  }

private:
  struct site_key {
    std::string_view file;
    std::uint_least32_t line;
    std::uint_least32_t column;
    bool operator==(const site_key &) const = default;
  };
  struct site_hash {
    std::size_t operator()(const site_key &k) const noexcept {
      return std::hash<std::string_view>{}(k.file) ^
             (std::size_t{k.line} << 16 ^ k.column) * 0x9e3779b97f4a7c15ULL;
    }
  };
  static site_key key_of(const std::source_location &site) noexcept {
    return {site.file_name(), site.line(), site.column()};
  }

  std::unordered_map<site_key, site_count, site_hash> sites_;
};

} // namespace detail

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
    fan_out_ = std::make_unique<detail::fan_out_counter>();
  }
}

event_loop::~event_loop() {
  closing_ = true;
  // Frames destroyed here may look up the current loop.
  event_loop *previous = std::exchange(running_loop, this);
  ready_.clear();
  destroy_pending(report_kind::destroyed_pending,
                  "task was still pending when its event loop was destroyed");
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
// alone: while the loop is closing, release() hands those over
// (only_loop_references), so each task is looked at once.
void event_loop::destroy_pending(report_kind kind,
                                 const char *message) noexcept {
  for (detail::root_links *l = live_.front(); l != nullptr;) {
    detail::root_links *next = live_.next(*l);
    if (!l->owner->done && l->owner->refs == 1) {
      only_loop_references(*l->owner);
    }
    l = next;
  }
  while (detail::root_links *l = unreferenced_.pop_front()) {
    try {
      report(kind, message, l->owner);
    } catch (...) { // a report must not keep the frame alive
    }
    l->owner->frame.destroy();
  }
}

void event_loop::shutdown() {
  running_scope scope(*this);
  for (detail::root_links *l = live_.front(); l != nullptr;
       l = live_.next(*l)) {
    if (!l->owner->done) {
      report(report_kind::destroyed_pending,
             "task was still pending when its event loop shut down; it is "
             "cancelled",
             l->owner);
    }
  }
  const time_point limit = saturating_add(now(), options_.shutdown_grace);
  // On a manual clock time stands still while tasks are ready, so a task
  // that swallows cancellation and keeps yielding is bounded by a count.
  constexpr std::size_t batches_without_time = 100000;
  std::size_t still_batches = 0;
  time_point last = now();
  for (bool first_round = true;; first_round = false) {
    // Tasks created during the shutdown (by cleanup code) run freely while
    // a cancelled task is still finishing; once only such tasks are left,
    // they are cancelled in turn.
    std::size_t pending = 0;
    bool finishing = false;
    for (detail::root_links *l = live_.front(); l != nullptr;
         l = live_.next(*l)) {
      pending += l->owner->done ? 0 : 1;
      finishing = finishing || (!l->owner->done && l->owner->cancel_called);
    }
    if (pending == 0) {
      return;
    }
    if (first_round || !finishing) {
      cancel_for_shutdown();
    }
    if (!run_shutdown_batch(limit)) {
      break;
    }
    const time_point at = now();
    still_batches = at == last ? still_batches + 1 : 0;
    last = at;
    if (at >= limit && !clock_->is_manual()) {
      break;
    }
    if (still_batches > batches_without_time) {
      break;
    }
  }
  closing_ = true;
  ready_.clear();
  destroy_pending(report_kind::ignored_shutdown_cancellation,
                  "task was cancelled at shutdown but had not finished when "
                  "the shutdown gave up; its frame was destroyed");
  closing_ = false;
}

void event_loop::shutdown_after_failure() noexcept {
  try {
    shutdown();
  } catch (...) { // the first failure is the one to report
  }
}

void event_loop::cancel_for_shutdown() {
  // Snapshot first: cancelling a task that awaits another (a handle, a
  // group's join) passes the cancellation on, and cancelling the awaited
  // task again would interrupt its cleanup at its next suspension.
  struct pending_task {
    detail::task_state *task;
    detail::suspension *parked;
  };
  std::vector<pending_task> pending;
  for (detail::root_links *l = live_.front(); l != nullptr;
       l = live_.next(*l)) {
    if (!l->owner->done) {
      pending.push_back({l->owner, l->owner->parked});
    }
  }
  // Children of a group nobody joins go first, so their cancellation runs
  // before the owner unwinds and destroys the group.
  std::stable_partition(pending.begin(), pending.end(), [](const auto &p) {
    return p.task->group != nullptr &&
           !detail::group_is_joining(*p.task->group);
  });
  for (const pending_task &p : pending) {
    detail::task_state &t = *p.task;
    const bool reached_through_awaiter =
        t.cancel_requested || (p.parked != nullptr && t.parked != p.parked);
    if (!t.done && !reached_through_awaiter) {
      t.request_cancel();
    }
  }
}

bool event_loop::run_shutdown_batch(time_point limit) {
  fire_due_timers();
  if (ready_.empty()) {
    if (!wait_for_shutdown_events(limit)) {
      return false;
    }
    fire_due_timers();
  } else {
    poll_io_now_and_then();
  }
  run_ready_batch();
  return true;
}

bool event_loop::wait_for_shutdown_events(time_point limit) {
  if (clock_->now() >= limit) {
    return false; // the grace is over (or was zero)
  }
  const bool pool_pending = pool_in_flight_ != 0;
  const bool io_pending = io_waiters_ != 0 || pool_pending;
  const bool timer_in_time =
      !timers_.empty() && timers_.top().deadline <= limit;
  if (!io_pending && !timer_in_time) {
    return false; // nothing can happen before the bound
  }
  if (clock_->is_manual()) {
    if (io_pending && poll_io(0) > 0) {
      return true;
    }
    if (pool_pending) {
      poll_io(-1); // real work: let it finish before time jumps
      return true;
    }
    if (timer_in_time) {
      clock_->jump_to(timers_.top().deadline);
      return true;
    }
    return false; // a manual clock cannot time a socket wait
  }
  const time_point at = clock_->now();
  const time_point until = timer_in_time ? timers_.top().deadline : limit;
  auto ms = std::chrono::ceil<std::chrono::milliseconds>(until - at).count();
  poll_io(static_cast<int>(std::clamp<long long>(ms, 0, INT_MAX)));
  return true;
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
  // A site with no line (a gather of a fixed list) is bounded by its code.
  if (fan_out_ != nullptr && created_at.line() != 0) {
    try {
      auto &count = fan_out_->started(created_at);
      if (count.in_flight > options_.max_tasks_per_call_site &&
          !count.reported) {
        count.reported = true;
        report(report_kind::unbounded_fan_out,
               std::to_string(count.in_flight) +
                   " tasks created here are in flight at once (bound " +
                   std::to_string(options_.max_tasks_per_call_site) +
                   "): the concurrency grows with the input; bound it with "
                   "a semaphore, batches or a worker pool",
               &root, code_location::from(created_at));
      }
    } catch (...) { // a report must never keep a task from starting
    }
  }
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
  root_finished(root);
  ready_.forget(root);
  root.frame.destroy();
}

void event_loop::root_finished(const detail::task_state &root) noexcept {
  if (fan_out_ != nullptr && root.created_at.line() != 0) {
    fan_out_->finished(root.created_at);
  }
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
  try {
    if (options_.on_exception) {
      options_.on_exception(context);
      return;
    }
  } catch (...) {
    // As asyncio does: the handler's own failure is printed, the error it
    // was given is not lost, and the loop goes on.
    try {
      std::fprintf(stderr, "aio: exception handler failed: %s\n",
                   describe(std::current_exception()).c_str());
    } catch (...) {
    }
  }
  try {
    print_exception_to_stderr(context);
  } catch (...) { // out of memory: nothing more can be said
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
  } else {
    poll_io_now_and_then();
  }
  run_ready_batch();
}

void event_loop::poll_io_now_and_then() {
  // Busy loops still let I/O completions in now and then.
  if ((io_waiters_ != 0 || pool_in_flight_ != 0) && (++batches_ & 15U) == 0) {
    poll_io(0);
  }
}

void event_loop::run_ready_batch() {
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

bool event_loop::awaited_with_deadline(const detail::task_state &task) {
  std::vector<const detail::task_state *> awaited{&task};
  for (std::size_t i = 0; i < awaited.size(); ++i) {
    const detail::task_state *target = awaited[i];
    for (detail::root_links *l = live_.front(); l != nullptr;
         l = live_.next(*l)) {
      const detail::task_state *waiting = l->owner;
      if (waiting->done || waiting->parked == nullptr) {
        continue;
      }
      const auto &wait =
          *static_cast<const detail::parked_waiter *>(waiting->parked);
      const bool awaits =
          wait.awaited_task() == target ||
          (target->group != nullptr && wait.awaited_group() == target->group);
      if (!awaits) {
        continue;
      }
      if (wait.has_deadline()) {
        return true;
      }
      if (std::find(awaited.begin(), awaited.end(), waiting) == awaited.end()) {
        awaited.push_back(waiting);
      }
    }
  }
  return false;
}

namespace detail {

// Armed only in debug mode, on the waits the detectors care about; gone as
// soon as the wait ends (parked_waiter::unpark).
class wait_watch final : public timer_node {
public:
  wait_watch(parked_waiter &waiter, event_loop &loop) noexcept
      : waiter_(&waiter), loop_(&loop) {}
  wait_watch(const wait_watch &) = delete;
  wait_watch &operator=(const wait_watch &) = delete;
  ~wait_watch() { loop_->remove_timer(*this); }

  void watch_cleanup(const void *inline_site, const void *await_site) {
    inline_site_ = inline_site;
    await_site_ = await_site;
    cleanup_due_ = loop_->now() + loop_->options().cancellation_cleanup_grace;
    arm();
  }

  void watch_network(const task_state &frame, const char *operation) {
    io_frame_ = &frame;
    operation_ = operation;
    io_due_ = loop_->now() + loop_->options().io_idle_bound;
    arm();
  }

  void fire() noexcept override {
    const time_point now = loop_->now();
    try {
      if (cleanup_due_ && *cleanup_due_ <= now) {
        cleanup_due_.reset();
        report_slow_cleanup();
      }
      if (io_due_ && *io_due_ <= now) {
        io_due_.reset();
        report_idle_network_wait();
      }
      arm();
    } catch (...) { // a report must never break the loop
    }
  }

private:
  void arm() {
    loop_->remove_timer(*this);
    if (cleanup_due_ || io_due_) {
      deadline = std::min(cleanup_due_.value_or(time_point::max()),
                          io_due_.value_or(time_point::max()));
      loop_->add_timer(*this);
    }
  }

  [[nodiscard]] const task_state *task() const noexcept {
    return waiter_->waiting_task();
  }

  // The user's line of the network call: the call site of the coroutine
  // (read, write, ...) that waits.
  [[nodiscard]] code_location network_call_site() const {
    return io_frame_ == nullptr ? code_location{}
                                : symbolize_call_site(io_frame_->call_site);
  }

  void report_slow_cleanup() {
    auto *cancelled = const_cast<task_state *>(task());
    if (cancelled == nullptr || cancelled->slow_cleanup_reported ||
        loop_->awaited_with_deadline(*cancelled)) {
      return;
    }
    cancelled->slow_cleanup_reported = true;
    report_overhead_scope overhead;
    code_location where = symbolize_call_site(inline_site_);
    if (!where.known()) {
      where = symbolize_call_site(await_site_);
    }
    if (!where.known()) {
      where = network_call_site();
    }
    using seconds = std::chrono::duration<double>;
    char text[200];
    std::snprintf(
        text, sizeof text,
        "task caught its cancellation and is still parked here after %.1f s "
        "(grace) in an await neither shielded nor bounded by a deadline",
        seconds(loop_->options().cancellation_cleanup_grace).count());
    loop_->report(report_kind::slow_cancellation_cleanup, text, cancelled,
                  std::move(where));
  }

  void report_idle_network_wait() {
    const task_state *waiting = task();
    if (waiting != nullptr && loop_->awaited_with_deadline(*waiting)) {
      return;
    }
    report_overhead_scope overhead;
    code_location where = network_call_site();
    std::string site = where.known()
                           ? where.to_string()
                           : std::to_string(reinterpret_cast<std::uintptr_t>(
                                 io_frame_->call_site));
    if (!loop_->idle_io_sites_reported_.insert(site).second) {
      return;
    }
    using seconds = std::chrono::duration<double>;
    char text[200];
    std::snprintf(text, sizeof text,
                  "%s has waited %.1f s with no deadline; a silent peer "
                  "stalls this task forever (bound it with aio::wait_for)",
                  operation_, seconds(loop_->options().io_idle_bound).count());
    loop_->report(report_kind::io_without_deadline, text, waiting,
                  std::move(where));
  }

  parked_waiter *waiter_;
  event_loop *loop_;
  const void *inline_site_ = nullptr;
  const void *await_site_ = nullptr;
  std::optional<time_point> cleanup_due_;
  const task_state *io_frame_ = nullptr;
  const char *operation_ = "";
  std::optional<time_point> io_due_;
};

void wait_watch_deleter::operator()(wait_watch *watch) const noexcept {
  delete watch;
}

void parked_waiter::watch_cancelled_wait(const void *await_site) noexcept {
  if (has_deadline_ || shields_) {
    return;
  }
  try {
    if (!watch_) {
      watch_.reset(new wait_watch(*this, *loop_));
    }
    watch_->watch_cleanup(__builtin_return_address(0), await_site);
  } catch (...) { // without memory, go unwatched rather than fail the await
    watch_.reset();
  }
}

void parked_waiter::watch_network_wait(const task_state &frame,
                                       const char *operation) noexcept {
  try {
    if (!watch_) {
      watch_.reset(new wait_watch(*this, *loop_));
    }
    watch_->watch_network(frame, operation);
  } catch (...) { // without memory, go unwatched rather than fail the await
    watch_.reset();
  }
}

} // namespace detail
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
