"""Interrupts a run of async-lint once it has opened its --output file.

usage: interrupt.py SIGNAL OUTPUT ASYNC_LINT_ARGS...
Prints the exit status, the output file's content and any file left beside
it.
"""
import glob
import os
import signal
import subprocess
import sys
import time

signal_name, output, command = sys.argv[1], sys.argv[2], sys.argv[3:]
# A test runner may start us with SIGINT ignored; a user's Ctrl-C is not.
run = subprocess.Popen(
    command,
    stderr=subprocess.DEVNULL,
    preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
)
# The temporary report is created before the first input is analysed.
deadline = time.monotonic() + 60
while not glob.glob(output + "-*.tmp") and run.poll() is None:
    if time.monotonic() > deadline:
        sys.exit("no temporary output file appeared")
    time.sleep(0.01)
run.send_signal(getattr(signal, signal_name))
print("status:", run.wait())
with open(output) as report:
    print("content:", report.read().strip())
print("left:", sorted(os.path.basename(p) for p in glob.glob(output + "*")))
