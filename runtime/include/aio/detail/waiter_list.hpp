#pragma once

// A parked waiter kept in a primitive's FIFO (event, semaphore, mutex,
// queue). Cancellation takes it out of the FIFO and resumes it with
// aio::cancelled_error.

#include "aio/detail/intrusive_list.hpp"
#include "aio/detail/waiter.hpp"

#include <coroutine>

namespace aio::detail {

struct fifo_tag {};

class fifo_waiter : public parked_waiter, public list_hook<fifo_tag> {
public:
  fifo_waiter() = default;
  fifo_waiter(fifo_waiter &&) noexcept = default;

  // The primitive has unlinked this waiter and let it through.
  void grant() noexcept { wake(); }

  void cancel() noexcept override {
    list_hook<fifo_tag>::unlink();
    wake_cancelled();
  }

protected:
  ~fifo_waiter() = default;
};

template <class W> using waiter_fifo = intrusive_list<W, fifo_tag>;

} // namespace aio::detail
