// A program that uses an installed aio: an awaited child task and work on the
// runtime's thread pool, so the library's link dependencies are needed.
#include <aio/aio.hpp>

#include <cstdio>

namespace {

aio::task<int> twice(int value) { co_return 2 * value; }

aio::task<int> answer() {
  int half = co_await aio::to_thread([] { return 21; });
  co_return co_await twice(half);
}

} // namespace

int main() {
  std::printf("installed aio says %d\n", aio::run(answer()));
  return 0;
}
