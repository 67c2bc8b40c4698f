#pragma once
// Defined in legacy.cpp, which the compilation database does not list: its
// facts are unknown, so calls of it are not reported.
void legacy_flush();
