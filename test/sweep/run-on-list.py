#!/usr/bin/env python3
"""Runs a command with the files listed in LIST inserted before its "--", and
fails if it crashed (killed by a signal) or exited with a code above 1.

usage: run-on-list.py LIST COMMAND [ARGS...] [-- COMPILER ARGS...]
"""

import subprocess
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    files = [line.strip() for line in f if line.strip()]
command = sys.argv[2:]
split = command.index("--") if "--" in command else len(command)
command = command[:split] + files + command[split:]
result = subprocess.run(command)
if result.returncode < 0 or result.returncode > 1:
    sys.stderr.write(f"run-on-list.py: exit code {result.returncode}\n")
    sys.exit(1)
