// A deploy notifier registers a coroutine lambda whose shell hook runs in a
// plain lambda on the thread pool; the coroutine only awaits it.
#include "aio/aio.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

using deploy_hook = std::function<aio::task<>(const std::string &)>;

aio::task<> deploy(const std::string &service,
                   const std::vector<deploy_hook> &hooks) {
  co_await aio::sleep(10ms); // roll out
  for (const auto &hook : hooks) {
    co_await hook(service);
  }
}

int main() {
  std::vector<deploy_hook> hooks;
  hooks.push_back([](const std::string &service) -> aio::task<> {
    std::string command = ": notify " + service;
    int status = co_await aio::to_thread(
        [command] { return std::system(command.c_str()); });
    std::printf("hook for %s exited with %d\n", service.c_str(), status);
  });
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(deploy("web", hooks));
}
