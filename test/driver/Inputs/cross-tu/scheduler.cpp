// Blocks through a function pointer to a function defined here.
#include "config.h"

#include <unistd.h>

static void pause_briefly() { usleep(100); }

void tick() {
  auto hook = &pause_briefly;
  hook();
}

// A runtime's own code is judged by the runtime's profile, not by its body.
namespace coro {
void wake() { usleep(1); }
} // namespace coro
