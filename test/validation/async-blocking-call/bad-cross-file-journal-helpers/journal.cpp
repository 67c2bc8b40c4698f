// The journal of main.cpp: formats an entry and appends it through file_io.cpp.
#include <string>

// file_io.cpp
void append_line(int fd, const std::string &line);

void journal_order(int fd, int order_id) {
  append_line(fd, "order " + std::to_string(order_id) + " accepted");
}
