#pragma once
#include <string>

std::string read_file(const std::string &path);
