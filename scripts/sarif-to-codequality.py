#!/usr/bin/env python3
"""Turns async-lint's SARIF report into a GitLab code quality report.

usage: sarif-to-codequality.py REPORT.sarif OUTPUT.json

GitLab shows code quality findings (artifacts:reports:codequality) in merge
requests; it reads no SARIF. The output is the subset of the Code Climate
format GitLab documents: description, check_name, fingerprint, severity and
location (path relative to the repository, first line).
"""

import json
import sys
import urllib.parse

# GitLab's scale is info, minor, major, critical, blocker.
SEVERITY = {"error": "critical", "warning": "major", "note": "info",
            "none": "info"}


def relative_path(location, base_ids):
    artifact = location["physicalLocation"]["artifactLocation"]
    uri = urllib.parse.unquote(artifact["uri"])
    if uri.startswith("file://"):
        path = uri[len("file://"):]
        # An absolute path below the report's base is made relative to it.
        base = urllib.parse.unquote(base_ids.get("SRCROOT", {}).get("uri", ""))
        base = base[len("file://"):] if base.startswith("file://") else ""
        return path[len(base):] if base and path.startswith(base) else path
    return uri


def convert(sarif):
    issues = []
    for run in sarif["runs"]:
        base_ids = run.get("originalUriBaseIds", {})
        for result in run.get("results", []):
            location = result["locations"][0]
            region = location["physicalLocation"].get("region", {})
            issues.append({
                "description": result["message"]["text"],
                "check_name": result["ruleId"],
                "fingerprint": result["partialFingerprints"]
                ["asyncLintFindingKey/v1"],
                "severity": SEVERITY[result.get("level", "warning")],
                "location": {
                    "path": relative_path(location, base_ids),
                    "lines": {"begin": region.get("startLine", 1)},
                },
            })
    return issues


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    try:
        with open(sys.argv[1], encoding="utf-8") as report:
            issues = convert(json.load(report))
    except OSError as error:
        # async-lint writes no report on a usage or configuration error.
        sys.exit(f"sarif-to-codequality.py: cannot read '{sys.argv[1]}': "
                 f"{error.strerror}")
    with open(sys.argv[2], "w", encoding="utf-8") as output:
        json.dump(issues, output, indent=2)
        output.write("\n")


if __name__ == "__main__":
    main()
