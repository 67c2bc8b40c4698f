// The settings helper of main.cpp: a plain function that reads the file.
#include <string>

#include <unistd.h>

std::string read_first_setting(int fd) {
  char buffer[256];
  ssize_t n = ::pread(fd, buffer, sizeof buffer, 0);
  std::string text(buffer, n > 0 ? std::size_t(n) : 0);
  return text.substr(0, text.find('\n'));
}
