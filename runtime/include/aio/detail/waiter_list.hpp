#pragma once

// A parked waiter kept in a primitive's FIFO (event, semaphore, mutex,
// queue). Cancellation takes it out of the FIFO and resumes it with
// aio::cancelled_error.

#include "aio/detail/intrusive_list.hpp"
#include "aio/detail/waiter.hpp"

#include <coroutine>

namespace aio::detail {

struct fifo_tag {};

class fifo_waiter;

// Waiters a primitive let through (a lock, a permit, an item) that have not
// resumed yet. If such a waiter's frame is destroyed first, it hands what it
// was given back to the primitive; a dying primitive unlinks them all, which
// tells them it is gone.
using granted_list = intrusive_list<fifo_waiter, fifo_tag>;

class fifo_waiter : public parked_waiter, public list_hook<fifo_tag> {
public:
  fifo_waiter() = default;
  fifo_waiter(fifo_waiter &&) noexcept = default;

  // The primitive has unlinked this waiter and let it through; nothing to
  // give back if it never resumes.
  void grant() noexcept { wake(); }

  // The same, for a grant that must not be lost if it never resumes.
  void grant(granted_list &granted) noexcept {
    granted.push_back(*this);
    holds_grant_ = true;
    wake();
  }

  void cancel() noexcept override {
    list_hook<fifo_tag>::unlink();
    wake_cancelled();
  }

protected:
  ~fifo_waiter() = default;

  // From await_resume: the waiter takes what it was granted.
  void finish() {
    drop_grant();
    parked_waiter::finish();
  }

  // From the destructor of a waiter that may be destroyed between its grant
  // and its resumption (its frame destroyed): true if the grant must be
  // handed back to the primitive, which is then still alive.
  [[nodiscard]] bool grant_abandoned() noexcept {
    const bool abandoned = holds_grant_ && list_hook<fifo_tag>::linked();
    drop_grant();
    return abandoned;
  }

private:
  void drop_grant() noexcept {
    holds_grant_ = false;
    list_hook<fifo_tag>::unlink();
  }

  bool holds_grant_ = false;
};

template <class W> using waiter_fifo = intrusive_list<W, fifo_tag>;

} // namespace aio::detail
