#pragma once

// aio::queue<T>: bounded FIFO between tasks, like asyncio.Queue(maxsize).
// push() suspends while the queue is full (backpressure), pop() while it is
// empty. Items pass directly to a waiting consumer; a cancelled push leaves
// nothing behind and a cancelled pop loses no item, nor does a consumer
// destroyed after it was handed an item but before it resumed.

#include "aio/detail/waiter_list.hpp"

#include <coroutine>
#include <cstddef>
#include <deque>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace aio {

template <class T> class queue {
public:
  explicit queue(std::size_t capacity) : capacity_(capacity) {
    if (capacity == 0) {
      throw std::invalid_argument("aio::queue capacity must be at least 1");
    }
  }
  queue(const queue &) = delete;
  queue &operator=(const queue &) = delete;

  class push_awaiter final : public detail::fifo_waiter {
  public:
    push_awaiter(queue &q, T item) : queue_(&q), item_(std::move(item)) {}
    [[nodiscard]] bool await_ready() { return queue_->offer(item_); }
    bool await_suspend(std::coroutine_handle<> handle) {
      if (!park(handle)) {
        return false;
      }
      queue_->pushers_.push_back(*this);
      return true;
    }
    void await_resume() { finish(); }

  private:
    friend class queue;
    queue *queue_;
    T item_;
  };

  class pop_awaiter final : public detail::fifo_waiter {
  public:
    explicit pop_awaiter(queue &q) noexcept : queue_(&q) {}
    pop_awaiter(pop_awaiter &&) noexcept(
        std::is_nothrow_move_constructible_v<T>) = default;
    // Handed an item but destroyed before resuming: the item goes back.
    ~pop_awaiter() {
      if (grant_abandoned()) {
        queue_->give_back(std::move(*item_));
      }
    }
    [[nodiscard]] bool await_ready() {
      if (auto item = queue_->try_pop()) {
        item_.emplace(std::move(*item));
        return true;
      }
      return false;
    }
    bool await_suspend(std::coroutine_handle<> handle) {
      if (!park(handle)) {
        return false;
      }
      queue_->poppers_.push_back(*this);
      return true;
    }
    T await_resume() {
      finish();
      return std::move(*item_);
    }

  private:
    friend class queue;
    queue *queue_;
    std::optional<T> item_;
  };

  [[nodiscard]] push_awaiter push(T item) {
    return push_awaiter{*this, std::move(item)};
  }
  [[nodiscard]] pop_awaiter pop() noexcept { return pop_awaiter{*this}; }

  // Returns false when full.
  bool try_push(T item) { return offer(item); }

  [[nodiscard]] std::optional<T> try_pop() {
    if (items_.empty()) {
      return std::nullopt;
    }
    std::optional<T> item(std::move(items_.front()));
    items_.pop_front();
    // Room freed: the longest-waiting producer moves its item in.
    if (push_awaiter *p = pushers_.pop_front()) {
      items_.push_back(std::move(p->item_));
      p->grant();
    }
    return item;
  }

  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
  [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }
  [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
  [[nodiscard]] bool full() const noexcept {
    return items_.size() >= capacity_;
  }

private:
  // Hands `item` to a waiting consumer or buffers it; false when full.
  bool offer(T &item) {
    if (pop_awaiter *c = poppers_.pop_front()) {
      c->item_.emplace(std::move(item));
      c->grant(granted_);
      return true;
    }
    if (full() || !pushers_.empty()) {
      return false;
    }
    items_.push_back(std::move(item));
    return true;
  }

  // An item a consumer was handed but never took. It was the oldest, so it
  // goes to the next consumer or back to the head of the queue, which may
  // then hold one item over capacity until it is popped.
  void give_back(T item) {
    if (pop_awaiter *c = poppers_.pop_front()) {
      c->item_.emplace(std::move(item));
      c->grant(granted_);
    } else {
      items_.push_front(std::move(item));
    }
  }

  std::deque<T> items_;
  std::size_t capacity_;
  detail::waiter_fifo<push_awaiter> pushers_;
  detail::waiter_fifo<pop_awaiter> poppers_;
  detail::granted_list granted_;
};

} // namespace aio
