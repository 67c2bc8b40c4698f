// Blocks directly: synchronous file I/O.
#include "io.h"

#include <fstream>

std::string read_file(const std::string &path) {
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  return text;
}
