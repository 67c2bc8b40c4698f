#include "protocol.h"

#include <aio/wait_for.hpp>

#include <chrono>

using namespace std::chrono_literals;

aio::task<> serve(aio::tcp_stream s) {
  co_await aio::wait_for(read_request(s), 10s);
  co_await aio::wait_for(send_banner(s), 5s);
}
