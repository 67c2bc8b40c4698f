// An API client creates the token refresh as a local task, prepares the request
// meanwhile, and awaits the refresh before sending.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

using namespace std::chrono_literals;

struct credentials {
  std::string token = "expired";
};

aio::task<> refresh_token(credentials &creds) {
  co_await aio::sleep(30ms); // round trip to the identity provider
  creds.token = "fresh";
}

aio::task<int> get(const credentials &creds, std::string path) {
  co_await aio::sleep(10ms);
  co_return creds.token == "fresh" ? 200 : 401;
}

aio::task<> sync_profile(credentials &creds) {
  auto refresh = refresh_token(creds);
  std::string path = "/profile";
  if (refresh.valid()) {
    co_await std::move(refresh);
  }
  int status = co_await get(creds, path);
  std::printf("GET %s: %d\n", path.c_str(), status);
}

int main() {
  credentials creds;
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(sync_profile(creds));
}
