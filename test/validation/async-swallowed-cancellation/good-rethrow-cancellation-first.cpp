// A profile lookup falls back to a default profile when the database fails,
// but lets its deadline's cancellation through, so the deadline is honoured.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

using namespace std::chrono_literals;

aio::task<std::string> query_profile_db(int user) {
  co_await aio::sleep(user == 0 ? 10s : 20ms);
  co_return "profile of user " + std::to_string(user);
}

// doc:begin cancellation is rethrown before the fallback
aio::task<std::string> load_profile(int user) {
  try {
    co_return co_await query_profile_db(user);
  } catch (const aio::cancelled_error &) {
    throw;
  } catch (...) {
    co_return "default profile";
  }
}
// doc:end

aio::task<> handle_request(int user) {
  try {
    auto profile = co_await aio::wait_for(load_profile(user), 2s);
    std::printf("%s\n", profile.c_str());
  } catch (const aio::timeout_error &) {
    std::puts("503: profile service too slow");
  }
}

aio::task<> run() {
  co_await handle_request(1);
  co_await handle_request(0);
}

int main() {
  aio::event_loop loop(
      {.clock = std::make_shared<aio::manual_clock>(), .debug = true});
  loop.run_until_complete(run());
}
