#pragma once

#include <chrono>
#include <limits>
#include <type_traits>

namespace aio {

using duration = std::chrono::nanoseconds;
using time_point = std::chrono::steady_clock::time_point;

// A deadline that never comes: sleeping until it parks the task until it is
// cancelled, and a wait_for with it never times out.
inline constexpr time_point never = time_point::max();

// `d` rounded up to aio::duration, clamped to duration::min()/max() where
// the conversion would overflow (e.g. std::chrono::hours::max()).
template <class Rep, class Period>
[[nodiscard]] constexpr duration
saturating_duration(std::chrono::duration<Rep, Period> d) noexcept {
  // Long double holds every int64 exactly, so the range tests are exact.
  using wide = std::chrono::duration<long double, duration::period>;
  const long double count = std::chrono::duration_cast<wide>(d).count();
  if (count != count) { // NaN: no deadline at all
    return duration::max();
  }
  if (count >= static_cast<long double>(duration::max().count())) {
    return duration::max();
  }
  if (count <= static_cast<long double>(duration::min().count())) {
    return duration::min();
  }
  if constexpr (std::is_floating_point_v<Rep>) {
    // Rounding up in long double; Rep's own arithmetic could round past
    // the limit that was just tested.
    long double whole =
        static_cast<long double>(static_cast<duration::rep>(count));
    return duration{
        static_cast<duration::rep>(whole < count ? whole + 1 : whole)};
  } else {
    return std::chrono::ceil<duration>(d);
  }
}

// `t + d`, clamped to time_point::min()/max() (aio::never) instead of
// overflowing. Every deadline computed from now() goes through here.
[[nodiscard]] constexpr time_point saturating_add(time_point t,
                                                  duration d) noexcept {
  using rep = duration::rep;
  const rep base = t.time_since_epoch().count();
  const rep step = d.count();
  if (step > 0 && base > std::numeric_limits<rep>::max() - step) {
    return time_point::max();
  }
  if (step < 0 && base < std::numeric_limits<rep>::min() - step) {
    return time_point::min();
  }
  return t + d;
}

// The loop reads time through this interface so tests can drive time by hand.
class clock {
public:
  clock() = default;
  clock(const clock &) = delete;
  clock &operator=(const clock &) = delete;
  virtual ~clock() = default;

  [[nodiscard]] virtual time_point now() const noexcept = 0;

  // True for clocks the loop moves itself: when no task is ready and no I/O is
  // in flight, the loop jumps straight to the next timer instead of waiting.
  [[nodiscard]] virtual bool is_manual() const noexcept { return false; }

  // Called by the loop on manual clocks only.
  virtual void jump_to(time_point) noexcept {}
};

class real_clock final : public clock {
public:
  [[nodiscard]] time_point now() const noexcept override {
    return std::chrono::steady_clock::now();
  }
};

// Starts at the epoch and moves only by advance() or by the idle loop's jumps,
// which makes timer-driven code deterministic under test.
class manual_clock final : public clock {
public:
  [[nodiscard]] time_point now() const noexcept override { return now_; }
  [[nodiscard]] bool is_manual() const noexcept override { return true; }
  void jump_to(time_point t) noexcept override {
    if (t > now_) {
      now_ = t;
    }
  }
  void advance(duration d) noexcept { now_ += d; }

private:
  time_point now_{};
};

} // namespace aio
