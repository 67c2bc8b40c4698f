#pragma once
#include <string>

std::string load_settings();
int next_port(int port);
void tick();

// Part of a runtime that a profile describes (libcoro's namespace).
namespace coro {
void wake();
}
