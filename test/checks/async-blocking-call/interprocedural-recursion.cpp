// Recursion and mutual recursion: each function is summarised once, a cycle
// blocks only when one of its functions blocks, and the chain in the notes
// never loops.
// RUN: %check_async %s async-blocking-call %t

#include "demo_task.h"

#include <unistd.h>

// Self-recursive, and blocking.
int countdown(int n) {
  if (n == 0) {
    sleep(1);
    return 0;
  }
  return countdown(n - 1);
}

// Self-recursive, not blocking.
int factorial(int n) { return n <= 1 ? 1 : n * factorial(n - 1); }

// Mutually recursive, not blocking: the cycle contributes nothing.
bool is_odd(int n);
bool is_even(int n) { return n == 0 ? true : is_odd(n - 1); }
bool is_odd(int n) { return n == 0 ? false : is_even(n - 1); }

// A cycle of three where only the last member blocks; each member reaches
// it by the shortest way round.
int parse_list(const char *text);
int parse_value(const char *text) {
  return *text == '[' ? parse_list(text + 1) : 1;
}
int parse_item(const char *text) {
  return parse_value(text) + 1;
}
int parse_list(const char *text) {
  if (*text == '@')
    return int(read(0, nullptr, 0));
  return *text == ']' ? 0 : parse_item(text + 1);
}

// Calls into a blocking cycle from outside it.
int parse_document(const char *text) {
  return parse_item(text);
}

demo::task<int> recursion(const char *text) {
  co_await demo::ready{};
  int total = countdown(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: call to 'countdown' blocks the event loop thread in coroutine 'recursion': it calls 'sleep' (sleep)
  // CHECK-MESSAGES: :[[@LINE-38]]:5: note: 'countdown' calls 'sleep' here
  total += factorial(5) + is_even(7);
  total += parse_list(text);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: call to 'parse_list' blocks the event loop thread in coroutine 'recursion': it calls 'read' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-17]]:16: note: 'parse_list' calls 'read' here
  total += parse_value(text);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: call to 'parse_value' blocks the event loop thread in coroutine 'recursion': it indirectly calls 'read' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-27]]:25: note: 'parse_value' calls 'parse_list' here
  // CHECK-MESSAGES: :[[@LINE-21]]:16: note: 'parse_list' calls 'read' here
  total += parse_document(text);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: call to 'parse_document' blocks the event loop thread in coroutine 'recursion': it indirectly calls 'read' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-18]]:10: note: 'parse_document' calls 'parse_item' here
  // CHECK-MESSAGES: :[[@LINE-29]]:10: note: 'parse_item' calls 'parse_value' here
  // CHECK-MESSAGES: :[[@LINE-33]]:25: note: 'parse_value' calls 'parse_list' here
  // CHECK-MESSAGES: :[[@LINE-27]]:16: note: 'parse_list' calls 'read' here
  co_return total;
}

// The same cycle entered at another member first: its summary is already
// there, and the chain is the same.
demo::task<int> again(const char *text) {
  co_await demo::ready{};
  co_return parse_item(text);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: call to 'parse_item' blocks the event loop thread in coroutine 'again': it indirectly calls 'read' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-41]]:10: note: 'parse_item' calls 'parse_value' here
  // CHECK-MESSAGES: :[[@LINE-45]]:25: note: 'parse_value' calls 'parse_list' here
  // CHECK-MESSAGES: :[[@LINE-39]]:16: note: 'parse_list' calls 'read' here
}

// Clean: recursion that never blocks, entered from a coroutine first.
int ackermann(int m, int n);
int ackermann_inner(int m, int n) { return ackermann(m, n - 1); }
int ackermann(int m, int n) {
  if (m == 0)
    return n + 1;
  if (n == 0)
    return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann_inner(m, n));
}
demo::task<int> clean_recursion() {
  co_await demo::ready{};
  co_return ackermann(2, 2) + is_odd(3) + factorial(3);
}
