#!/usr/bin/env python3
"""Runs async-lint over real coroutine code and prints its findings per check.

A corpus is NAME=PATH. Three names are known, each with the files to analyse
and the flags that compile them:

  libcoro=PATH     a checkout of jbaldwin/libcoro: src/, examples/ and test/
                   (networking and TLS on; needs libc-ares-dev, libssl-dev)
  cppcoro=PATH     a checkout of andreasbuhr/cppcoro (the C++20 fork): lib/
                   and test/
  boost-asio=PATH  Boost.Asio's C++20 examples, e.g.
                   /usr/share/doc/libboost1.81-doc/examples/libs/asio/example/cpp20
  corral=PATH      a checkout of hudson-trading/corral: test/ and the asio
                   examples (needs catch2, libasio-dev, libboost1.81-dev)
  async_simple=PATH  a checkout of alibaba/async_simple: its tests and demos
                   (needs libgtest-dev, libasio-dev)

Any other NAME needs --flags (compile flags; {root} is the corpus path) and
analyses every *.cpp under PATH.

  scripts/sweep-corpus.py libcoro=../corpus/libcoro cppcoro=../corpus/cppcoro \\
      boost-asio=/usr/share/doc/libboost1.81-doc/examples/libs/asio/example/cpp20

--verdicts FILE reads findings judged by hand, one a line,
  <corpus>/<file>:<line>:<column>: <check>: true|arguable|false: <why>
and prints each check's precision: (true + arguable) / judged; a finding with
no verdict is counted as unjudged and listed.

--save FILE writes every finding, one per line, and --compare FILE prints the
findings that appeared or disappeared since a saved sweep. --only FILE
analyses only the files that have findings in a saved sweep (a quick re-run). The exit code is 0
unless async-lint crashed or could not analyse a file (then 1).
"""

import argparse
import collections
import json
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent

# libcoro's build generates coro/export.hpp; a static build defines these.
LIBCORO_EXPORT_HEADER = """#pragma once
#define CORO_EXPORT
#define CORO_NO_EXPORT
#define CORO_DEPRECATED [[deprecated]]
#define CORO_DEPRECATED_EXPORT [[deprecated]]
#define CORO_DEPRECATED_NO_EXPORT [[deprecated]]
"""


def cpp_files(root, folders, exclude=()):
    files = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*.cpp")):
            relative = path.relative_to(root).as_posix()
            if not any(part in relative for part in exclude):
                files.append(path)
    return files


def libcoro(root, scratch):
    generated = scratch / "libcoro-generated"
    (generated / "coro").mkdir(parents=True, exist_ok=True)
    (generated / "coro" / "export.hpp").write_text(LIBCORO_EXPORT_HEADER)
    files = cpp_files(
        root,
        ["src", "examples", "test"],
        # macOS only; Android packaging; the bundled Catch2.
        exclude=["kqueue", "test/android/", "catch_amalgamated.cpp"],
    )
    flags = [
        "-std=c++20", "-pthread", f"-I{root}/include", f"-I{generated}",
        f"-I{root}/test", "-DLIBCORO_FEATURE_NETWORKING",
        "-DLIBCORO_FEATURE_TLS",
    ]
    return files, flags


def cppcoro(root, scratch):
    files = cpp_files(root, ["lib", "test"], exclude=["win32.cpp"])
    flags = ["-std=c++20", "-pthread", f"-I{root}/include", f"-I{root}/lib",
             f"-I{root}/test"]
    return files, flags


def boost_asio(root, scratch):
    return cpp_files(root, ["."]), ["-std=c++20", "-pthread"]


def corral(root, scratch):
    files = [p for p in sorted(root.glob("test/*.cc")) + sorted(root.glob("examples/asio_*.cc"))]
    flags = ["-std=c++20", "-pthread", f"-I{root}", f"-I{root}/test",
             "-DASIO_HAS_CO_AWAIT=1", "-x", "c++"]
    return files, flags


def async_simple(root, scratch):
    files = cpp_files(
        root,
        ["async_simple", "demo_example"],
        # Stackful coroutines (no C++20 coroutines); a C++20 modules demo.
        exclude=["uthread/", "Modules"],
    )
    flags = ["-std=c++20", "-pthread", f"-I{root}", "-DASIO_HAS_CO_AWAIT=1",
             f"-I{root}/demo_example"]
    return files, flags


KNOWN = {"libcoro": libcoro, "cppcoro": cppcoro, "boost-asio": boost_asio,
         "corral": corral, "async_simple": async_simple}


def sweep(name, root, args, scratch):
    if name in KNOWN:
        files, flags = KNOWN[name](root, scratch)
    elif args.flags is not None:
        files = cpp_files(root, ["."])
        flags = args.flags.replace("{root}", str(root)).split()
    else:
        sys.exit(f"sweep-corpus.py: unknown corpus '{name}': name one of "
                 f"{', '.join(KNOWN)} or give --flags")
    if args.only is not None:
        files = [f for f in files
                 if f"{name}/{f.relative_to(root).as_posix()}" in args.only]
        if not files:
            return 0, [], []
    elif not files:
        sys.exit(f"sweep-corpus.py: no .cpp files under {root}")
    report = scratch / f"{name}.json"
    command = [args.async_lint, "--quiet", f"--jobs={args.jobs}",
               "--format=json", f"--output={report}"]
    if args.checks:
        command.append(f"--checks={args.checks}")
    command += [str(f) for f in files] + ["--"] + flags
    result = subprocess.run(command, stderr=subprocess.PIPE, text=True,
                            errors="replace")
    # clang's "N warnings generated." lines say nothing about the checks.
    for line in result.stderr.splitlines():
        if not line.endswith(" generated."):
            print(line, file=sys.stderr)
    if result.returncode < 0 or not report.exists():
        sys.exit(f"sweep-corpus.py: async-lint failed on {name} "
                 f"(exit code {result.returncode})")
    data = json.loads(report.read_text())
    findings = []
    for finding in data["findings"]:
        path = pathlib.Path(finding["file"])
        if not path.is_absolute():
            path = pathlib.Path.cwd() / path
        try:
            shown = path.resolve().relative_to(root).as_posix()
        except ValueError:
            shown = str(path)
        findings.append(f"{name}/{shown}:{finding['line']}:{finding['column']}: "
                        f"{finding['check']}: {finding['message']}")
    return len(files), findings, data.get("not_analysed", [])


def check_of(line):
    return line.split(": ")[1]


def finding_key(line):
    """corpus/file:line:column: check"""
    return ": ".join(line.split(": ")[:2])


VERDICTS = ("true", "arguable", "false")


def read_verdicts(path):
    verdicts = {}
    for number, line in enumerate(pathlib.Path(path).read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split(": ")
        if len(parts) < 3 or parts[2] not in VERDICTS:
            sys.exit(f"{path}:{number}: expected '<corpus>/<file>:<line>:<column>: "
                     f"<check>: true|arguable|false: <why>'")
        verdicts[": ".join(parts[:2])] = parts[2]
    return verdicts


def print_table(header, rows, markdown):
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(str(c) for c in row) + " |")
        return
    width = max(len(str(r[0])) for r in rows + [header])
    print(f"{header[0]:<{width}} " + " ".join(f"{h:>12}" for h in header[1:]))
    for row in rows:
        print(f"{row[0]:<{width}} " + " ".join(f"{c:>12}" for c in row[1:]))


def print_precision(findings, verdicts, markdown):
    rows, unjudged = [], []
    for check in sorted({check_of(f) for f in findings}) + ["total"]:
        mine = [f for f in findings if check in ("total", check_of(f))]
        counts = collections.Counter(verdicts.get(finding_key(f), "unjudged")
                                     for f in mine)
        judged = sum(counts[v] for v in VERDICTS)
        precision = (f"{100.0 * (counts['true'] + counts['arguable']) / judged:.0f}%"
                     if judged else "n/a")
        rows.append([check, len(mine)] + [counts[v] for v in VERDICTS]
                    + [counts["unjudged"], precision])
        if check != "total":
            unjudged += [f for f in mine if finding_key(f) not in verdicts]
    header = ["check", "findings", "true", "arguable", "false", "unjudged",
              "precision"]
    print()
    print_table(header, rows, markdown)
    for finding in unjudged:
        print(f"unjudged: {finding}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="+", metavar="NAME=PATH")
    parser.add_argument("--async-lint", default=str(ROOT / "build/bin/async-lint"))
    parser.add_argument("--checks", help="check globs, as async-lint --checks")
    parser.add_argument("--flags", help="compile flags of a corpus not known by name")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--list", action="store_true", help="print every finding")
    parser.add_argument("--save", metavar="FILE", help="write the findings to FILE")
    parser.add_argument("--compare", metavar="FILE",
                        help="print what changed since the findings saved in FILE")
    parser.add_argument("--only", metavar="FILE",
                        help="analyse only the files with findings saved in FILE")
    parser.add_argument("--saved", metavar="FILE",
                        help="take the findings from a saved sweep instead of running")
    parser.add_argument("--verdicts", metavar="FILE",
                        help="findings judged by hand: print precision per check")
    parser.add_argument("--markdown", action="store_true",
                        help="print the tables in Markdown")
    args = parser.parse_args()
    if args.only:
        args.only = {line.split(":")[0]
                     for line in pathlib.Path(args.only).read_text().splitlines()}

    all_findings, failed = [], False
    saved = (pathlib.Path(args.saved).read_text().splitlines()
             if args.saved else [])
    per_corpus = {}
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = pathlib.Path(scratch_dir)
        for corpus in args.corpora:
            name, sep, path = corpus.partition("=")
            if not sep:
                sys.exit(f"sweep-corpus.py: '{corpus}' is not NAME=PATH")
            root = pathlib.Path(path).resolve()
            if not root.is_dir() and not args.saved:
                sys.exit(f"sweep-corpus.py: {root}: no such folder")
            if args.saved:
                findings = [f for f in saved if f.startswith(name + "/")]
                count, not_analysed = "-", []
            else:
                count, findings, not_analysed = sweep(name, root, args, scratch)
            per_corpus[name] = (count, findings)
            all_findings += findings
            for entry in not_analysed:
                failed = True
                print(f"{name}: not analysed: {entry['file']}: {entry['reason']}")

    checks = sorted({check_of(f) for f in all_findings})
    names = list(per_corpus)
    rows = []
    for check in checks + ["total"] + ([] if args.saved else ["files"]):
        counts = [per_corpus[n][0] if check == "files" else
                  sum(1 for f in per_corpus[n][1] if check in ("total", check_of(f)))
                  for n in names]
        rows.append([check] + counts + [sum(counts)])
    print_table(["check"] + names + ["total"], rows, args.markdown)

    if args.verdicts:
        print_precision(all_findings, read_verdicts(args.verdicts), args.markdown)
    if args.list:
        print()
        print("\n".join(all_findings))
    if args.save:
        pathlib.Path(args.save).write_text("".join(f + "\n" for f in all_findings))
    if args.compare:
        before = pathlib.Path(args.compare).read_text().splitlines()
        gone = sorted(set(before) - set(all_findings))
        new = sorted(set(all_findings) - set(before))
        print(f"\nsince {args.compare}: {len(gone)} gone, {len(new)} new")
        for line in gone:
            print(f"- {line}")
        for line in new:
            print(f"+ {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
