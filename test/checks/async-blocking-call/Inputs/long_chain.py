"""Writes a check test with two chains of plain helpers, each calling the
next one twice: walked afresh at every call, either chain would take 2^200
walks; summarised once per function, it takes 200. The first chain ends in a
blocking call (one finding, with a note per helper), the second does not."""

import sys

length = int(sys.argv[1]) if len(sys.argv) > 1 else 200
out = ['#include "demo_task.h"', "", "#include <unistd.h>", ""]
line = len(out) + 1


def emit(text):
    global line
    out.append(text)
    line += 1


emit(f"int blocking_{length - 1}(int n) {{ return int(sleep(unsigned(n))); }}")
sites = {length - 1: line - 1}
for i in reversed(range(length - 1)):
    emit(f"int blocking_{i}(int n) {{ return blocking_{i + 1}(n) + blocking_{i + 1}(n + 1); }}")
    sites[i] = line - 1
emit(f"int clean_{length - 1}(int n) {{ return n + 1; }}")
for i in reversed(range(length - 1)):
    emit(f"int clean_{i}(int n) {{ return clean_{i + 1}(n) + clean_{i + 1}(n + 1); }}")
emit("")
emit("demo::task<int> handler(int n) {")
emit("  co_await demo::ready{};")
emit("  int total = clean_0(n);")
emit("  total += blocking_0(n);")
warning_line = line - 1
emit(f"  // CHECK-MESSAGES: :{warning_line}:12: warning: call to 'blocking_0' "
     "blocks the event loop thread in coroutine 'handler': it indirectly "
     "calls 'sleep' (sleep)")
for i in range(length - 1):
    column = len(f"int blocking_{i}(int n) {{ return ") + 1
    emit(f"  // CHECK-MESSAGES: :{sites[i]}:{column}: note: 'blocking_{i}' "
         f"calls 'blocking_{i + 1}' here")
column = len(f"int blocking_{length - 1}(int n) {{ return int(") + 1
emit(f"  // CHECK-MESSAGES: :{sites[length - 1]}:{column}: note: "
     f"'blocking_{length - 1}' calls 'sleep' here")
emit("  co_return total;")
emit("}")
sys.stdout.write("\n".join(out) + "\n")
