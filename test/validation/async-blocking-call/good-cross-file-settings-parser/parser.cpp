// The settings parser of main.cpp: counts the non-empty lines of the text.
#include <string>

std::size_t count_settings(const std::string &text) {
  std::size_t count = 0, start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos)
      end = text.size();
    count += end > start;
    start = end + 1;
  }
  return count;
}
