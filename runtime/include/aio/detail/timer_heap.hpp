#pragma once

// Binary min-heap of timers that knows each timer's index, so a cancelled
// sleep leaves the heap in O(log n) without allocating.

#include "aio/clock.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace aio::detail {

class timer_node {
public:
  static constexpr std::size_t not_queued = static_cast<std::size_t>(-1);

  time_point deadline{};
  std::uint64_t sequence = 0; // FIFO among equal deadlines
  std::size_t heap_index = not_queued;

  [[nodiscard]] bool queued() const noexcept {
    return heap_index != not_queued;
  }
  virtual void fire() noexcept = 0;

protected:
  timer_node() = default;
  // Awaiters move only before they are awaited, when no timer is queued.
  timer_node(timer_node &&other) noexcept : deadline(other.deadline) {}
  timer_node &operator=(timer_node &&) = delete;
  ~timer_node() = default;
};

class timer_heap {
public:
  [[nodiscard]] bool empty() const noexcept { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return heap_.size(); }
  [[nodiscard]] timer_node &top() const noexcept { return *heap_.front(); }

  void push(timer_node &node) {
    node.sequence = next_sequence_++;
    node.heap_index = heap_.size();
    heap_.push_back(&node);
    sift_up(node.heap_index);
  }

  void remove(timer_node &node) noexcept {
    std::size_t i = node.heap_index;
    if (i == timer_node::not_queued) {
      return;
    }
    node.heap_index = timer_node::not_queued;
    timer_node *last = heap_.back();
    heap_.pop_back();
    if (i < heap_.size()) {
      heap_[i] = last;
      last->heap_index = i;
      sift_down(i);
      sift_up(last->heap_index);
    }
  }

private:
  static bool before(const timer_node *a, const timer_node *b) noexcept {
    return a->deadline < b->deadline ||
           (a->deadline == b->deadline && a->sequence < b->sequence);
  }

  void place(std::size_t i, timer_node *node) noexcept {
    heap_[i] = node;
    node->heap_index = i;
  }

  void sift_up(std::size_t i) noexcept {
    timer_node *node = heap_[i];
    while (i > 0) {
      std::size_t parent = (i - 1) / 2;
      if (!before(node, heap_[parent])) {
        break;
      }
      place(i, heap_[parent]);
      i = parent;
    }
    place(i, node);
  }

  void sift_down(std::size_t i) noexcept {
    timer_node *node = heap_[i];
    const std::size_t n = heap_.size();
    for (;;) {
      std::size_t child = 2 * i + 1;
      if (child >= n) {
        break;
      }
      if (child + 1 < n && before(heap_[child + 1], heap_[child])) {
        ++child;
      }
      if (!before(heap_[child], node)) {
        break;
      }
      place(i, heap_[child]);
      i = child;
    }
    place(i, node);
  }

  std::vector<timer_node *> heap_;
  std::uint64_t next_sequence_ = 0;
};

} // namespace aio::detail
