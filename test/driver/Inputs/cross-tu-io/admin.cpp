#include "protocol.h"

// Greets an operator's console with no bound.
aio::task<> greet_operator(aio::tcp_stream s) { co_await send_banner(s); }
