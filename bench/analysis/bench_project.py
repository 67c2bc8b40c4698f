#!/usr/bin/env python3
"""Whole-project analysis and the results cache, measured on a generated
project (bench/analysis/generate_project.py): N translation units whose
coroutines call helpers that block through other files.

Prints, as Markdown:
  - one phase (--no-project-facts) against the whole-project analysis (the
    default: facts and conditional findings written, merged, decided):
    time, and the blocking cross-file chains each finds (the generator says
    how many there are);
  - the cache: a cold run, a second run over the unchanged project, a run
    after touching one .cpp, a run after touching one header, each with the
    number of units analysed (from --counts).

usage: bench_project.py --build-dir BUILD [--units 200] [--jobs 2] [--repeat 3]
Not a test: figures vary with the machine; docs/performance.md explains them.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STATS = re.compile(r"async-lint: counts: (\d+) units?: (\d+) analysed, (\d+) "
                   r"from the cache; (\d+) findings? across files from "
                   r"project facts")


def run(command, cwd):
    """Runs the driver; returns (wall s, CPU s, stats dict, report)."""
    start = time.perf_counter()
    before = os.times()
    proc = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    after = os.times()
    wall = time.perf_counter() - start
    cpu = (after.children_user - before.children_user) + \
        (after.children_system - before.children_system)
    if proc.returncode not in (0, 1):
        sys.exit(f"exit code {proc.returncode}: {' '.join(command)}\n"
                 f"{proc.stderr[-3000:]}")
    match = STATS.search(proc.stderr)
    stats = None
    if match:
        units, analysed, cached, across = map(int, match.groups())
        stats = {"units": units, "analysed": analysed, "cached": cached,
                 "across": across}
    return wall, cpu, stats, json.loads(proc.stdout)


def chains(report):
    """Findings about calls of helpers defined in other files."""
    return sum(1 for f in report["findings"]
               if f["check"] == "async-blocking-call"
               and f["message"].startswith("call to 'helper_"))


def touch(path, suffix):
    with open(path, "a", encoding="utf-8") as f:
        f.write(f"// edited: {suffix}\n")


def main(argv):
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build-dir", required=True, type=Path)
    p.add_argument("--units", type=int, default=200)
    p.add_argument("--jobs", type=int, default=os.cpu_count())
    p.add_argument("--repeat", type=int, default=1,
                   help="run each kind of analysis this many times, "
                        "alternated, and keep the least CPU of each")
    p.add_argument("--work-dir", type=Path)
    p.add_argument("--output", type=Path, help="also write the report here")
    args = p.parse_args(argv)

    build = args.build_dir.resolve()
    driver = build / "bin" / "async-lint"
    source_root = HERE.parent.parent
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="bench-project-"))
    project = work / "project"
    if project.exists():
        shutil.rmtree(project)
    expected = int(subprocess.check_output(
        [sys.executable, HERE / "generate_project.py", str(args.units),
         project, source_root / "runtime" / "include"], text=True))
    base = [str(driver), "-p", str(project), "--format=json", "--quiet",
            f"--jobs={args.jobs}", "--checks=-*,async-*", "--counts"]
    lines = [f"# Whole-project analysis and cache: {args.units} units, "
             f"--jobs={args.jobs}", "",
             f"The project has {expected} blocking chains across files.", ""]

    # Alternated and the least CPU of each kept: on a shared machine a run
    # that meets other work costs more, whichever kind it is.
    ones, twos = [], []
    for _ in range(args.repeat):
        ones.append(run(base + ["--no-cache", "--no-project-facts"], project))
        twos.append(run(base + ["--no-cache"], project))
    one = min(ones, key=lambda r: r[1])
    two = min(twos, key=lambda r: r[1])
    if args.repeat > 1:
        lines += [f"Each run {args.repeat} times, alternated; the run with "
                  "the least CPU of each kind is shown.", ""]
    lines += ["| run | wall s | CPU s | cross-file chains found |",
              "|---|---|---|---|",
              f"| one phase (`--no-project-facts`) | {one[0]:.1f} | {one[1]:.1f} | {chains(one[3])} |",
              f"| whole project (default) | {two[0]:.1f} | {two[1]:.1f} | {chains(two[3])} |",
              "",
              f"The whole-project analysis costs {two[1] / one[1]:.2f}x the "
              f"CPU of one phase ({two[0] / one[0]:.2f}x the wall time); "
              f"findings across files decided from the units' records: "
              f"{two[2]['across'] if two[2] else '?'}.", ""]

    cache = work / "cache"
    if cache.exists():
        shutil.rmtree(cache)
    cached = base + [f"--cache-dir={cache}"]
    rows = []
    cold = run(cached, project)
    rows.append(("cold cache", cold))
    warm = run(cached, project)
    rows.append(("unchanged project", warm))
    touch(project / "unit_0.cpp", "one source")
    rows.append(("after touching unit_0.cpp", run(cached, project)))
    touch(project / "include" / "group_3.h", "one header")
    rows.append(("after touching include/group_3.h "
                 f"(included by {args.units // 10} units)", run(cached, project)))
    lines += ["| cached run | wall s | CPU s | analysed | from the cache | "
              "across files | chains found |", "|---|---|---|---|---|---|---|"]
    for name, (wall, cpu, stats, report) in rows:
        s = stats or {"analysed": "?", "cached": "?", "across": "?"}
        lines.append(f"| {name} | {wall:.1f} | {cpu:.1f} | {s['analysed']} | "
                     f"{s['cached']} | {s['across']} | {chains(report)} |")
    lines += ["", f"A second run over the unchanged project costs "
              f"{warm[0] / cold[0]:.1%} of the first (wall time), "
              f"{warm[1] / cold[1]:.1%} of its CPU.", ""]
    text = "\n".join(lines)
    print(text)
    if args.output:
        args.output.write_text(text + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
