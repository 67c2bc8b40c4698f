#include "lookup.h"

demo::task<int> start_quietly() {
  return lookup(std::string("a")); // NOLINT(async-dangling-reference)
}
