#include "legacy.h"

#include <unistd.h>

void legacy_flush() { sleep(1); }
