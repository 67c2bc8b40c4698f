#!/usr/bin/env python3
"""Every check id must be named in the same places: its rule file in
rules/checks/, its page in docs/checks/, the module's registration (as listed
by the driver and by clang-tidy with the plugin), its directory of lit tests
in test/checks/, and the README's table. Prints each place's set and fails
on any difference.

usage: check-ids.py SOURCE_ROOT DRIVER_LIST PLUGIN_LIST
"""

import os
import re
import sys

root, driver_list, plugin_list = sys.argv[1:4]


def ids_in(text):
    return set(re.findall(r"\basync-[a-z]+(?:-[a-z]+)*\b", text))


places = {
    "rules/checks": {f[:-5] for f in os.listdir(os.path.join(root, "rules/checks"))
                     if f.endswith(".yaml")},
    "docs/checks": {f[:-3] for f in os.listdir(os.path.join(root, "docs/checks"))
                    if f.endswith(".md")},
    "test/checks": {d for d in os.listdir(os.path.join(root, "test/checks"))
                    if d.startswith("async-")},
    "async-lint --list-checks": {line.split()[0] for line in open(driver_list)
                                 if line.strip()},
    "clang-tidy --load --list-checks": {line.strip() for line in open(plugin_list)
                                        if line.strip().startswith("async-")},
    "README.md": {m for m in re.findall(r"\[(async-[a-z-]+)\]\(docs/checks/",
                                        open(os.path.join(root, "README.md")).read())},
}
# Rule files name their own id.
for name in places["rules/checks"]:
    text = open(os.path.join(root, "rules/checks", name + ".yaml")).read()
    declared = re.search(r"^id:\s*(\S+)", text, re.M).group(1)
    if declared != name:
        sys.exit(f"rules/checks/{name}.yaml declares id '{declared}'")

reference = places["rules/checks"]
failed = False
for place, ids in sorted(places.items()):
    print(f"{place}: {' '.join(sorted(ids))}")
    if ids != reference:
        failed = True
        print(f"  missing: {sorted(reference - ids)}  extra: {sorted(ids - reference)}")
sys.exit(1 if failed else 0)
