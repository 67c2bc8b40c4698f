// A cache server keeps the handle of its warm-up task in a local that is never
// used; the warm-up fails and the error is lost with the handle.
#include "aio/aio.hpp"

#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;

using cache = std::map<std::string, std::string>;

aio::task<> warm_cache(cache &entries) {
  co_await aio::sleep(50ms);
  entries["home"] = "<html>home</html>";
  throw std::runtime_error("origin refused the second warm-up request");
}

aio::task<std::string> serve(cache &entries, std::string key) {
  co_await aio::sleep(1ms);
  auto found = entries.find(key);
  co_return found == entries.end() ? "miss" : found->second;
}

aio::task<int> run_server() {
  cache entries;
  auto warmup = aio::create_task(warm_cache(entries));
  int hits = 0;
  for (const char *key : {"home", "about", "home"}) {
    co_await aio::sleep(40ms);
    hits += (co_await serve(entries, key)) != "miss" ? 1 : 0;
  }
  co_return hits;
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run_server());
}
