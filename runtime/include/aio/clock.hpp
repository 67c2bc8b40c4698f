#pragma once

#include <chrono>

namespace aio {

using duration = std::chrono::nanoseconds;
using time_point = std::chrono::steady_clock::time_point;

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
