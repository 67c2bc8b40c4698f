// Shutdown asks a plain function to cancel the indexer and then awaits it with
// no bound; the indexer finishes its whole batch before it honours the cancel.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace std::chrono_literals;

aio::task<int> index_documents(int count) {
  bool stop_requested = false;
  int indexed = 0;
  for (; indexed < count; ++indexed) {
    try {
      co_await aio::sleep(500ms); // index one document
    } catch (const aio::cancelled_error &) {
      stop_requested = true; // a half-written segment would be corrupt
    }
  }
  if (stop_requested) {
    throw aio::cancelled_error{};
  }
  co_return indexed;
}

void request_stop(aio::task_handle<int> &indexer) {
  std::puts("stopping the indexer");
  indexer.cancel();
}

aio::task<> shutdown(aio::task_handle<int> &indexer) {
  request_stop(indexer);
  try {
    co_await indexer;
  } catch (const aio::cancelled_error &) {
    std::puts("indexer stopped");
  }
}

aio::task<> run() {
  auto indexer = aio::create_task(index_documents(1000));
  co_await aio::sleep(2s);
  co_await shutdown(indexer);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
