#pragma once
#include <chrono>
#include <thread>

// Header-only: every unit that includes it sees the body.
inline void nap() { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }
