#include "lookup.h"

demo::task<int> relay_keeping(const std::string &key) { return lookup(key); }

demo::task<int> relay_copying(const std::string &key) {
  return lookup_copy(key);
}
