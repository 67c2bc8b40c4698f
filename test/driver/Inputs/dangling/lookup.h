// Functions that take a reference and return a task, each defined in
// another file than its callers (callers.cpp).
#include "demo_task.h"

#include <string>

// A coroutine: the key stays in its frame (coroutines.cpp).
demo::task<int> lookup(const std::string &key);
// Copies the key into the coroutine it calls (coroutines.cpp).
demo::task<int> lookup_copy(const std::string &key);
// Returns the task of lookup, made with the key (coroutines.cpp).
demo::task<int> lookup_relay(const std::string &key);
// Hand the key on to the functions above, from another file (relay.cpp).
demo::task<int> relay_keeping(const std::string &key);
demo::task<int> relay_copying(const std::string &key);
// Defined in no file of the project.
demo::task<int> lookup_remote(const std::string &key);
