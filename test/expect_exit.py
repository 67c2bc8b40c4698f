#!/usr/bin/env python3
"""Runs a command and fails unless it exits with the expected code.

usage (from a RUN line): %expect-exit CODE COMMAND [ARGS...]
Standard output and error pass through, so they can be redirected or piped.
"""

import subprocess
import sys

expected = int(sys.argv[1])
result = subprocess.run(sys.argv[2:])
if result.returncode != expected:
    sys.stderr.write(f"expect_exit.py: expected exit code {expected}, "
                     f"got {result.returncode}: {' '.join(sys.argv[2:])}\n")
    sys.exit(1)
