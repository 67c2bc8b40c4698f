#!/usr/bin/env python3
"""The README's table of known runtimes must list exactly the built-in
profiles, with their titles, as `async-lint --list-profiles` prints them.
Prints every difference and fails on any.

usage: known-runtimes.py README LIST_PROFILES_OUTPUT
"""

import re
import sys

readme, listed = sys.argv[1:3]

text = open(readme, encoding="utf-8").read()
section = re.search(r"^## Known runtimes\n(.*?)(?=^## )", text, re.M | re.S)
if not section:
    sys.exit("README.md has no '## Known runtimes' section")
in_readme = {}
for row in re.finditer(r"^\| `([^`]+)` \| ([^|]+?) \| ([^|]*?) \|$",
                       section.group(1), re.M):
    if not row.group(3).strip():
        print(f"README: profile '{row.group(1)}' says nothing of what is known")
        sys.exit(1)
    in_readme[row.group(1)] = row.group(2).strip()

built_in = {}
for line in open(listed, encoding="utf-8"):
    if not line.rstrip().endswith("(built in)"):
        continue
    # id, title and source, separated by runs of two spaces or more.
    fields = re.split(r"\s{2,}", line.strip())
    built_in[fields[0]] = fields[1]

problems = []
for profile, title in sorted(built_in.items()):
    if profile not in in_readme:
        problems.append(f"README lacks a row for profile '{profile}' ({title})")
    elif in_readme[profile] != title:
        problems.append(f"README gives '{profile}' the title "
                        f"'{in_readme[profile]}', the profile says '{title}'")
for profile in sorted(set(in_readme) - set(built_in)):
    problems.append(f"README lists '{profile}', which is no built-in profile")
print(f"{len(built_in)} built-in profiles, {len(in_readme)} README rows")
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
