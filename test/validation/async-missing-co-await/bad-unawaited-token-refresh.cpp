// An API client creates the token refresh as a local task but never awaits it,
// so requests go out with the expired token.
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
  int status = co_await get(creds, "/profile");
  std::printf("GET /profile: %d\n", status);
}

int main() {
  credentials creds;
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(sync_profile(creds));
}
