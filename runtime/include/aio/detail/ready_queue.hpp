#pragma once

// FIFO of coroutines ready to resume. A power-of-two ring that only grows, so
// steady-state scheduling (yield, wake-ups) never allocates.

#include "aio/detail/task_state.hpp"

#include <coroutine>
#include <cstddef>
#include <vector>

namespace aio::detail {

struct ready_item {
  std::coroutine_handle<> handle;
  task_state *task = nullptr;
};

class ready_queue {
public:
  ready_queue() : ring_(64) {}

  [[nodiscard]] bool empty() const noexcept { return head_ == tail_; }
  [[nodiscard]] std::size_t size() const noexcept { return tail_ - head_; }

  void push(ready_item item) {
    if (size() == ring_.size()) {
      grow();
    }
    ring_[tail_++ & (ring_.size() - 1)] = item;
  }

  ready_item pop() noexcept { return ring_[head_++ & (ring_.size() - 1)]; }

  // Drops queued resumptions of a frame about to be destroyed.
  void forget(const task_state &task) noexcept {
    for (std::size_t i = head_; i != tail_; ++i) {
      ready_item &item = ring_[i & (ring_.size() - 1)];
      if (item.task == &task) {
        item = {};
      }
    }
  }

  void clear() noexcept { head_ = tail_ = 0; }

private:
  void grow() {
    std::vector<ready_item> bigger(ring_.size() * 2);
    std::size_t n = 0;
    for (std::size_t i = head_; i != tail_; ++i) {
      bigger[n++] = ring_[i & (ring_.size() - 1)];
    }
    ring_.swap(bigger);
    head_ = 0;
    tail_ = n;
  }

  std::vector<ready_item> ring_;
  std::size_t head_ = 0;
  std::size_t tail_ = 0;
};

} // namespace aio::detail
