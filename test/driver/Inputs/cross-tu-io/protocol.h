// Coroutines of protocol.cpp that server.cpp calls.
#include <aio/tcp.hpp>

#include <cstddef>

aio::task<std::size_t> read_request(aio::tcp_stream &s);
aio::task<> send_banner(aio::tcp_stream &s);
aio::task<> read_ack(aio::tcp_stream &s);
