#pragma once
#include <string>

std::string load_settings();
int next_port(int port);
void tick();
