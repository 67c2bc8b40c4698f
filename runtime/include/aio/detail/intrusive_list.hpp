#pragma once

// Intrusive doubly linked list: waiters and tasks link themselves in place, so
// parking a coroutine never allocates. An element can sit in several lists at
// once by deriving from list_hook<Tag> once per tag.

#include <cstddef>

namespace aio::detail {

template <class Tag> class list_hook {
public:
  list_hook() noexcept = default;
  // A moved-to hook starts unlinked: links belong to the object's place in
  // memory, not to its value.
  list_hook(list_hook &&) noexcept {}
  list_hook &operator=(list_hook &&) = delete;
  ~list_hook() { unlink(); }

  [[nodiscard]] bool linked() const noexcept { return next_ != nullptr; }

  void unlink() noexcept {
    if (next_ != nullptr) {
      prev_->next_ = next_;
      next_->prev_ = prev_;
      next_ = nullptr;
      prev_ = nullptr;
    }
  }

private:
  template <class, class> friend class intrusive_list;
  list_hook *prev_ = nullptr;
  list_hook *next_ = nullptr;
};

template <class T, class Tag> class intrusive_list {
  using hook = list_hook<Tag>;

public:
  intrusive_list() noexcept {
    head_.prev_ = &head_;
    head_.next_ = &head_;
  }
  intrusive_list(const intrusive_list &) = delete;
  intrusive_list &operator=(const intrusive_list &) = delete;
  ~intrusive_list() { clear(); }

  [[nodiscard]] bool empty() const noexcept { return head_.next_ == &head_; }

  [[nodiscard]] std::size_t size() const noexcept {
    std::size_t n = 0;
    for (const hook *h = head_.next_; h != &head_; h = h->next_) {
      ++n;
    }
    return n;
  }

  void push_back(T &item) noexcept {
    hook &h = item;
    h.unlink();
    h.prev_ = head_.prev_;
    h.next_ = &head_;
    head_.prev_->next_ = &h;
    head_.prev_ = &h;
  }

  [[nodiscard]] T *front() noexcept {
    return empty() ? nullptr : static_cast<T *>(head_.next_);
  }

  T *pop_front() noexcept {
    T *item = front();
    if (item != nullptr) {
      static_cast<hook &>(*item).unlink();
    }
    return item;
  }

  // Element after `item`, or nullptr at the end.
  [[nodiscard]] T *next(T &item) noexcept {
    hook *n = static_cast<hook &>(item).next_;
    return n == &head_ ? nullptr : static_cast<T *>(n);
  }

  // Unlinks every element without touching the elements otherwise.
  void clear() noexcept {
    while (!empty()) {
      head_.next_->unlink();
    }
  }

private:
  // The sentinel's links are circular; unlink() on it is never called while
  // elements remain, and ~list_hook sees it as linked, so detach it first.
  struct sentinel : hook {
    ~sentinel() {
      this->prev_ = nullptr;
      this->next_ = nullptr;
    }
  };
  sentinel head_;
};

} // namespace aio::detail
