#include "lookup.h"

demo::task<int> lookup(const std::string &key) { co_return int(key.size()); }

namespace {
demo::task<int> lookup_owned(std::string key) { co_return int(key.size()); }
} // namespace

demo::task<int> lookup_copy(const std::string &key) {
  return lookup_owned(key);
}

demo::task<int> lookup_relay(const std::string &key) { return lookup(key); }
