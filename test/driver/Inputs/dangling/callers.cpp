#include "lookup.h"

demo::task<int> start_lookup() { return lookup(std::string("a")); }
demo::task<int> start_copy() { return lookup_copy(std::string("b")); }
demo::task<int> start_relay() { return lookup_relay(std::string("c")); }
demo::task<int> start_relay_keeping() {
  return relay_keeping(std::string("d"));
}
demo::task<int> start_relay_copying() {
  return relay_copying(std::string("e"));
}
demo::task<int> start_remote() { return lookup_remote(std::string("f")); }
