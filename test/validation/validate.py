#!/usr/bin/env python3
"""Validates the checks against aio's debug mode.

Every test/validation/<check-id>/{bad,good}-*.cpp is a program built by
test/validation/CMakeLists.txt, and so is every folder
test/validation/<check-id>/{bad,good}-*/: a program of several files (all
its *.cpp), built into one executable and linted as a project of its own.
This script

  run           runs each program with libaio_blockdetect.so preloaded and
                collects its debug reports (and, for programs built with
                AddressSanitizer, its report, as a kind asan-<error>),
                lints each with its check alone,
                compares the two verdicts and writes them to a results file;
                it fails on any difference not listed in known-differences.txt
  report        writes docs/validation.md from the results (--write), or
                fails when the committed file differs from them (--check)
  doc-examples  fails unless the example section of each docs/checks/<id>.md
                holds exactly the `// doc:begin` ... `// doc:end` regions of
                that check's programs, each bad one followed by the findings
                the check reports in it

Which report kinds show which check's bug, and how a report is matched with
a finding, is data: runtime-kinds.json beside this script.
"""

import argparse
import concurrent.futures
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAPPING_FILE = HERE / "runtime-kinds.json"
KNOWN_DIFFERENCES_FILE = HERE / "known-differences.txt"
# The sweep over real code bases, measured by hand (scripts/sweep-corpus.py):
# written into docs/validation.md after the summary tables.
REAL_CODE_FILE = HERE.parent / "sweep" / "real-code.md"
MATCH_MODES = ("line", "program")
PROGRAM_TIMEOUT_SECONDS = 60

# aio-debug: <kind>: <file>:<line>:<col>: <message> [task <name>]
REPORT_LINE = re.compile(
    r"^aio-debug: (?P<kind>[a-z-]+): "
    r"(?:<unknown>|(?P<file>.+?):(?P<line>\d+):(?P<column>\d+)): "
    r"(?P<message>.*?)(?: \[task (?P<task>.*)\])?$")

# The programs of some checks are built with AddressSanitizer (see
# CMakeLists.txt); its report is the runtime verdict, of kind asan-<error>.
# ASan stops the program at the first error with this exit code, which the
# harness takes as a normal end when it has parsed the report.
ASAN_EXIT_CODE = 86
ASAN_OPTIONS = ("detect_stack_use_after_return=1:detect_leaks=0:"
                "verify_asan_link_order=0:halt_on_error=1:"
                f"exitcode={ASAN_EXIT_CODE}")
ASAN_ERROR = re.compile(
    r"^==\d+==ERROR: AddressSanitizer: (?P<error>[a-z-]+) on address")
ASAN_ACCESS = re.compile(r"^(?P<access>(?:READ|WRITE) of size \d+)")
# "    #3 0x55d0c0 in fetch(std::string const&) /src/bad.cpp:19:21"
ASAN_FRAME = re.compile(
    r"^\s+#\d+ 0x[0-9a-f]+ in (?P<function>.+?) "
    r"(?P<file>/[^ :]+):(?P<line>\d+)(?::(?P<column>\d+))?$")


class HarnessError(Exception):
    """A problem with the corpus or the tools, reported as one line."""


def relative(path, root):
    return Path(os.path.relpath(path, root)).as_posix()


# --- The corpus ------------------------------------------------------------


class Program:
    """A file bad-<what>.cpp, or a folder bad-<what>/ whose *.cpp files make
    one program (good- alike)."""

    def __init__(self, path, source_root):
        self.path = path
        self.check = path.parent.name
        self.label = "bad" if path.name.startswith("bad-") else "good"
        self.name = path.name
        self.key = f"{self.check}/{self.name}"
        self.display = relative(path, source_root)
        self.several_files = path.is_dir()
        self.sources = (sorted(p.resolve() for p in path.glob("*.cpp"))
                        if self.several_files else [path])
        if not self.sources:
            raise HarnessError(f"{self.display}: a program folder without "
                               f"*.cpp files")
        self.source_root = source_root


def discover(source_root):
    validation = source_root / "test" / "validation"
    paths = {p for pattern in ("*/bad-*", "*/good-*")
             for p in validation.glob(pattern)
             if p.is_dir() or p.suffix == ".cpp"}
    return [Program(p.resolve(), source_root) for p in sorted(paths)]


def load_mapping():
    data = json.loads(MAPPING_FILE.read_text(encoding="utf-8"))
    checks = data.get("checks")
    if not isinstance(checks, dict):
        raise HarnessError(f"{MAPPING_FILE}: expected an object 'checks'")
    for check, kinds in checks.items():
        for kind, mode in kinds.items():
            if mode not in MATCH_MODES:
                raise HarnessError(
                    f"{MAPPING_FILE}: {check}: {kind}: match mode '{mode}' "
                    f"is not one of {', '.join(MATCH_MODES)}")
    return checks


def load_known_differences(programs):
    known = {}
    by_key = {p.key for p in programs}
    lines = KNOWN_DIFFERENCES_FILE.read_text(encoding="utf-8").splitlines()
    for number, text in enumerate(lines, 1):
        text = text.strip()
        if not text or text.startswith("#"):
            continue
        key, sep, reason = text.partition(":")
        key, reason = key.strip(), reason.strip()
        where = f"{KNOWN_DIFFERENCES_FILE.name}:{number}"
        if not sep or not reason:
            raise HarnessError(
                f"{where}: expected '<check-id>/<program>.cpp: <reason>' or "
                f"'<check-id>/<program>.cpp [<other-check-id>]: <reason>'")
        program_key, _, other_check = key.partition(" [")
        if program_key not in by_key:
            raise HarnessError(f"{where}: no program {program_key}")
        if other_check and not re.fullmatch(r"async-[a-z-]+\]", other_check):
            raise HarnessError(
                f"{where}: expected '<check-id>/<program>.cpp [<check-id>]'")
        if key in known:
            raise HarnessError(f"{where}: {key} is listed twice")
        known[key] = reason
    return known


# --- Running and linting -----------------------------------------------------


def parse_reports(stderr):
    reports = []
    for text in stderr.splitlines():
        m = REPORT_LINE.match(text)
        if not m:
            continue
        reports.append({
            "kind": m["kind"],
            "file": m["file"] or "",
            "line": int(m["line"]) if m["line"] else 0,
            "message": m["message"],
            "task": m["task"] or "",
        })
    return reports


def parse_asan_report(stderr, program):
    """The first AddressSanitizer error, placed at the innermost frame of its
    access stack that lies in the program's own file, or None."""
    lines = stderr.splitlines()
    for index, text in enumerate(lines):
        error = ASAN_ERROR.match(text)
        if not error:
            continue
        access, where = "", None
        for following in lines[index + 1:]:
            if not following.strip():
                break  # the access stack ends at the first blank line
            if m := ASAN_ACCESS.match(following):
                access = m["access"]
            m = ASAN_FRAME.match(following)
            if m and where is None and same_file(m["file"], program):
                where = m
        return {
            "kind": f"asan-{error['error']}",
            "file": where["file"] if where else "",
            "line": int(where["line"]) if where else 0,
            "message": f"{access or error['error']} in "
                       f"{where['function'] if where else 'an unknown frame'}",
            "task": "",
        }
    return None


def run_program(program, programs_dir, blockdetect):
    binary = programs_dir / program.check / program.path.stem
    if not binary.exists():
        return {"status": f"not built ({binary} is missing)", "reports": []}
    env = dict(os.environ, LD_PRELOAD=str(blockdetect),
               ASAN_OPTIONS=ASAN_OPTIONS)
    # Programs that write files do so in a directory of their own.
    with tempfile.TemporaryDirectory(prefix="aio-validation-") as cwd:
        try:
            done = subprocess.run([str(binary)], cwd=cwd, env=env,
                                  stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True,
                                  errors="replace",
                                  timeout=PROGRAM_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            return {"status": f"timed out after {PROGRAM_TIMEOUT_SECONDS} s",
                    "reports": []}
    reports = parse_reports(done.stderr)
    asan = parse_asan_report(done.stderr, program)
    if asan:
        reports.append(asan)
    # A program stopped by its AddressSanitizer report ran as far as it could.
    stopped_by_asan = asan and done.returncode == ASAN_EXIT_CODE
    status = ("ok" if done.returncode == 0 or stopped_by_asan
              else f"exit code {done.returncode}")
    if status != "ok":
        tail = "\n".join(done.stderr.splitlines()[-5:])
        status += f": {tail}"
    return {"status": status, "reports": reports}


def enabled_by_default(check, source_root):
    rule = source_root / "rules" / "checks" / f"{check}.yaml"
    text = rule.read_text(encoding="utf-8") if rule.exists() else ""
    return not re.search(r"^enabled-by-default:\s*false\s*$", text, re.M)


def lint_projects(programs, async_lint, build_root, source_root, check=None):
    """Findings per program: the one-file programs linted together, each
    program of several files as a project of its own, so that the facts its
    files share meet no other program's functions of the same names."""
    single = [p for p in programs if not p.several_files]
    findings = (lint(single, async_lint, build_root, source_root, check)
                if single else {})
    for program in programs:
        if program.several_files:
            findings.update(lint([program], async_lint, build_root,
                                 source_root, check))
    return findings


def lint(programs, async_lint, build_root, source_root, check=None):
    """Findings per program: of the default checks, or of check alone."""
    command = [str(async_lint), "-p", str(build_root), "--config={}",
               "--format=json", "--quiet", f"--jobs={os.cpu_count() or 1}"]
    if check:
        command.append(f"--checks=-*,{check}")
    command += [str(s) for p in programs for s in p.sources]
    what = f"the {check} programs" if check else "the programs"
    done = subprocess.run(command, cwd=source_root, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):
        raise HarnessError(
            f"async-lint exited with {done.returncode} on {what}:"
            f"\n{done.stderr.strip()}")
    try:
        output = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise HarnessError(f"async-lint printed no JSON report: {error}")
    if output.get("not_analysed"):
        raise HarnessError(
            f"async-lint could not analyse: {output['not_analysed']}")
    by_file = {p.path: [] for p in programs}
    program_of = {s: p for p in programs for s in p.sources}
    for finding in output.get("findings", []):
        path = (source_root / finding["file"]).resolve()
        if path not in program_of:
            continue
        notes = [{"file": str((source_root / n["file"]).resolve()),
                  "line": n["line"], "column": n["column"],
                  "message": n["message"]}
                 for n in finding.get("notes", []) if n.get("file")]
        by_file[program_of[path].path].append({
            "check": finding["check"], "file": str(path),
            "line": finding["line"], "column": finding["column"],
            "severity": finding["severity"], "message": finding["message"],
            "notes": notes,
        })
    return by_file


# --- Comparing -------------------------------------------------------------

def names_source(path, source, program):
    if os.path.isabs(path):
        if Path(path).resolve() == source:
            return True
        # Debug information names the directory an object was first compiled
        # in; ccache (without hash_dir) may reuse it from another checkout.
        # The check's folder and the program's name (and the file's, in a
        # program of several files) still tell them apart.
        tail = len(source.parts) - len(program.path.parts) + 2
        return Path(path).parts[-tail:] == source.parts[-tail:]
    # std::source_location names the file as the compiler was given it, which
    # is relative to an unknown directory when ccache's base_dir rewrote it.
    parts = [p for p in Path(os.path.normpath(path)).parts if p != ".."]
    return bool(parts) and source.parts[-len(parts):] == tuple(parts)


def source_of(path, program):
    """The file of the program that path names, or None."""
    if not path:
        return None
    return next((s for s in program.sources
                 if names_source(path, s, program)), None)


def same_file(path, program):
    return source_of(path, program) is not None


def matches(report, finding, mode, program):
    if mode == "program":
        return True
    source = source_of(report["file"], program)
    if source is None:
        return False
    # Results of a harness that did not name the finding's file: the
    # program's only one.
    places = {(finding.get("file", str(program.sources[0])), finding["line"])}
    places |= {(n["file"], n["line"]) for n in finding["notes"]}
    return (str(source), report["line"]) in places


def compare(program, run, findings, kinds):
    """The verdicts on one program, and whether they agree."""
    result = {
        "check": program.check, "program": program.name,
        "files": ([relative(s, program.path) for s in program.sources]
                  if program.several_files else []),
        "label": program.label, "status": run["status"],
        "findings": findings, "static_only": not kinds,
        "reports": [r for r in run["reports"] if r["kind"] in kinds],
        "other_reports": sorted({r["kind"] for r in run["reports"]
                                 if r["kind"] not in kinds}),
    }
    reports = result["reports"]
    if kinds:
        unmatched_reports = [
            r for r in reports
            if not any(matches(r, f, kinds[r["kind"]], program)
                       for f in findings)]
        unmatched_findings = [
            f for f in findings
            if not any(matches(r, f, kinds[r["kind"]], program)
                       for r in reports)]
        runtime_buggy = bool(reports)
        agree = not unmatched_reports and not unmatched_findings
        label_ok = runtime_buggy == (program.label == "bad")
    else:
        unmatched_reports, unmatched_findings = [], []
        runtime_buggy = None
        agree = bool(findings) == (program.label == "bad")
        label_ok = True
    problems = []
    if run["status"] != "ok":
        problems.append(f"the program did not run cleanly ({run['status']})")
    if not label_ok:
        problems.append(
            "the runtime reports nothing, yet the program is named bad-"
            if program.label == "bad" else
            "the runtime reports a bug, yet the program is named good-")
    if kinds:
        for r in unmatched_reports:
            where = f"line {r['line']}" if r["line"] else "an unknown place"
            problems.append(f"runtime {r['kind']} at {where} has no finding")
        for f in unmatched_findings:
            problems.append(
                f"finding at line {f['line']} has no runtime report")
    elif not agree:
        problems.append("the check reports nothing on a bad- program"
                        if program.label == "bad" else
                        "the check reports a bug on a good- program")
    result.update({
        "runtime_buggy": runtime_buggy,
        "static_buggy": bool(findings),
        "agree": agree and label_ok and run["status"] == "ok",
        "problems": problems,
    })
    # Judged against the program's name, which the runtime confirms wherever
    # it can see the bug (a listed difference says where it cannot).
    if program.label == "bad":
        if findings and not unmatched_findings and not unmatched_reports:
            result["outcome"] = "TP"
        elif findings:
            result["outcome"] = "FN+FP"  # reported, but not where the bug is
        else:
            result["outcome"] = "FN"
    else:
        result["outcome"] = "FP" if findings else "TN"
    return result


def judge_other_checks(program, run, findings, mapping, known):
    """The findings of checks other than the program's own, each with why it
    is accepted: the runtime reports that check's bug there, or
    known-differences.txt lists it. An empty why fails the harness."""
    judged = []
    for finding in findings:
        kinds = mapping.get(finding["check"], {})
        confirmed = any(r["kind"] in kinds and
                        matches(r, finding, kinds[r["kind"]], program)
                        for r in run["reports"])
        listed = known.get(f"{program.key} [{finding['check']}]", "")
        judged.append({
            "check": finding["check"], "line": finding["line"],
            "message": finding["message"],
            "why": "confirmed by the runtime" if confirmed else listed,
        })
    return judged


def command_run(args):
    source_root = Path(args.source_root).resolve()
    programs = discover(source_root)
    known = load_known_differences(programs)
    if args.only:
        programs = [p for p in programs if p.check in args.only]
    mapping = load_mapping()
    checks = sorted({p.check for p in programs})
    for check in checks:
        if check not in mapping:
            raise HarnessError(
                f"{MAPPING_FILE.name} has no entry for {check}; add "
                f"\"{check}\": {{}} if aio's debug mode cannot see its bug, "
                f"else its report kinds")
    runs, started = {}, time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        futures = {pool.submit(run_program, p, Path(args.programs),
                               Path(args.blockdetect)): p for p in programs}
        for future, program in futures.items():
            runs[program.key] = future.result()
    run_seconds = time.monotonic() - started
    results, failures = [], []
    # Every program is linted with all default checks, as users run
    # async-lint, so a finding of another check on it is seen too; a check
    # that is off by default is run on its own programs.
    started = time.monotonic()
    try:
        findings = lint_projects(programs, Path(args.async_lint),
                                 Path(args.build_root), source_root)
        for check in checks:
            if not enabled_by_default(check, source_root):
                group = [p for p in programs if p.check == check]
                own = lint_projects(group, Path(args.async_lint),
                                    Path(args.build_root), source_root, check)
                for program in group:
                    findings[program.path] += own[program.path]
    except HarnessError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    lint_seconds = time.monotonic() - started
    for program in programs:
        found = findings[program.path]
        result = compare(program, runs[program.key],
                         [f for f in found if f["check"] == program.check],
                         mapping[program.check])
        result["known_difference"] = known.get(program.key, "")
        result["other_checks"] = judge_other_checks(
            program, runs[program.key],
            [f for f in found if f["check"] != program.check], mapping, known)
        result["listed_other_checks"] = [
            key[len(program.key) + 2:-1] for key in known
            if key.startswith(program.key + " [")]
        results.append(result)
    for result in results:
        key = f"{result['check']}/{result['program']}"
        if result["known_difference"] and result["agree"]:
            failures.append(f"{key}: listed in {KNOWN_DIFFERENCES_FILE.name}, "
                            f"but the verdicts agree; remove the entry")
        elif not result["agree"] and not result["known_difference"]:
            failures.append(f"{key}: " + "; ".join(result["problems"]))
        for other in result["other_checks"]:
            if not other["why"]:
                failures.append(
                    f"{key}: {other['check']} reports line {other['line']} "
                    f"({other['message']}); the runtime does not confirm it and "
                    f"{KNOWN_DIFFERENCES_FILE.name} does not list "
                    f"'{key} [{other['check']}]'")
        for other_check in result["listed_other_checks"]:
            if not any(o["check"] == other_check for o in result["other_checks"]):
                failures.append(
                    f"{key} [{other_check}]: listed in "
                    f"{KNOWN_DIFFERENCES_FILE.name}, but {other_check} reports "
                    f"nothing there; remove the entry")
    Path(args.results).write_text(
        json.dumps({"programs": results, "mapping": mapping}, indent=1) + "\n",
        encoding="utf-8")
    print(f"ran {len(programs)} programs in {run_seconds:.1f} s, "
          f"linted them in {lint_seconds:.1f} s")
    for check in checks:
        rows = [r for r in results if r["check"] == check]
        agreed = sum(r["agree"] for r in rows)
        others = sum(len(r["other_checks"]) for r in rows)
        print(f"{check}: {agreed} of {len(rows)} programs agree; "
              f"{others} findings of other checks")
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    return 1 if failures else 0


# --- docs/validation.md ------------------------------------------------------


def percent(numerator, denominator):
    if denominator == 0:
        return "n/a"
    return f"{100.0 * numerator / denominator:.1f}%"


def describe_reports(result, modes):
    """The reports' kinds, with the line where it is what is matched: a kind
    matched by program is placed by nature elsewhere than the offending line,
    and where depends on what the run happened to be doing."""
    if not result["reports"]:
        return "none"
    seen = []
    for r in result["reports"]:
        placed = r["line"] and modes.get(r["kind"]) == "line"
        # A program of several files names the file of each line.
        where = (f"{Path(r['file']).name}:{r['line']}"
                 if result.get("files") and r["file"] else str(r["line"]))
        text = f"{r['kind']} {where}" if placed else r["kind"]
        if text not in seen:
            seen.append(text)
    return ", ".join(seen)


def describe_findings(result):
    if not result["findings"]:
        return "none"
    if result.get("files"):
        return ", ".join(f"{name}:{line}" for name, line in sorted(
            {(Path(f["file"]).name, f["line"]) for f in result["findings"]}))
    return ", ".join(str(line) for line in
                     sorted({f["line"] for f in result["findings"]}))


def summary_row(check, rows):
    bad = sum(r["label"] == "bad" for r in rows)
    agreed = sum(r["agree"] for r in rows)
    listed = sum(bool(r["known_difference"]) for r in rows)
    outcomes = [r["outcome"] for r in rows]
    tp = outcomes.count("TP")
    fp = outcomes.count("FP") + outcomes.count("FN+FP")
    fn = outcomes.count("FN") + outcomes.count("FN+FP")
    return (f"| [{check}](checks/{check}.md) | {len(rows)} | {bad} "
            f"| {len(rows) - bad} | {agreed} ({percent(agreed, len(rows))}) "
            f"| {listed} | {percent(tp, tp + fp)} | {percent(tp, tp + fn)} |")


def render_report(data):
    results = data["programs"]
    mapping = data["mapping"]
    checks = sorted({r["check"] for r in results})
    dynamic = [c for c in checks if mapping[c]]
    static_only = [c for c in checks if not mapping[c]]
    out = []
    add = out.append
    add("# Validation of the checks against aio's debug mode")
    add("")
    add("<!-- Written by test/validation/validate.py (ninja validation-report);")
    add("     the test validation.report-is-current fails when it is stale. -->")
    add("")
    add("Each check is run on small, complete programs written against")
    add("[aio](runtime.md), half of them buggy (`bad-*.cpp`) and half correct")
    add("(`good-*.cpp`, often a near miss of a buggy one), in")
    add("[`test/validation/<check-id>/`](../test/validation/). Every program is")
    add("built with `-g -O0`, run on an `aio::event_loop` in debug mode on the")
    add("manual clock with `libaio_blockdetect.so` preloaded, and linted as")
    add("users run async-lint, with every default check (a strict check, off")
    add("by default, is added on its own programs). The debug reports are the")
    add("runtime's verdict, the findings the static one. A dangling reference")
    add("has no debug report: the async-dangling-reference programs are also")
    add("built with AddressSanitizer (`-fsanitize=address")
    add("-fsanitize-address-use-after-scope`) and run with")
    add("`detect_stack_use_after_return=1`; its first error, placed at the")
    add("innermost frame of the access in the program's own file, is their")
    add("runtime verdict, of kind `asan-<error>`. The async-unbounded-gather")
    add("programs set `aio::loop_options::max_tasks_per_call_site` to 100, the")
    add("concurrency their backends are sized for.")
    add("")
    add("A program is buggy for a check when the runtime prints one of the")
    add("check's report kinds. The verdicts agree when every such report is")
    add("matched by a finding and every finding by a report, and the program's")
    add("name (`bad-` or `good-`) says what the runtime saw. How a report is")
    add("matched ([`runtime-kinds.json`](../test/validation/runtime-kinds.json)):")
    add("")
    add("| check | report kinds (match) |")
    add("|---|---|")
    for check in dynamic:
        kinds = ", ".join(f"`{k}` ({m})" for k, m in sorted(mapping[check].items()))
        add(f"| {check} | {kinds} |")
    add("")
    add("- *line*: the report's `file:line` is the line of the finding or of")
    add("  one of its notes;")
    add("- *program*: any finding in the same program, for reports placed by")
    add("  nature elsewhere than the offending line: a slow step and a")
    add("  swallowed cancellation are placed where the task was created and name")
    add("  the root task, not the coroutine that blocked or caught; a stuck")
    add("  await is placed where the cancelled task was created, not at the")
    add("  await; an AddressSanitizer report is placed at the dangling read,")
    add("  inside the coroutine that keeps the reference, not at the call that")
    add("  binds it. Their lines are not shown: where such a report is placed")
    add("  depends on what the run happened to be doing.")
    add("")
    add("A difference is allowed only when")
    add("[`known-differences.txt`](../test/validation/known-differences.txt)")
    add("lists the program with the reason; the harness fails on any other")
    add("difference, and on a listed program whose verdicts agree.")
    add("")
    add("A finding of another check on a program fails the harness too,")
    add("unless the runtime reports that check's bug at the same place or")
    add("`known-differences.txt` lists it as")
    add("`<check-id>/<program>.cpp [<other-check-id>]` with the reason: a good")
    add("program of one check must be clean for all of them.")
    add("")
    add("Precision and recall count programs, judged by their names: a bad")
    add("program is found (true positive) when the check reports it exactly")
    add("where the runtime does; a bad program reported elsewhere counts as")
    add("missed and as a false positive; a good program with a finding is a")
    add("false positive.")
    add("")
    add("To add a program, put it in `test/validation/<check-id>/` as")
    add("`bad-<what>.cpp` or `good-<what>.cpp`: CMake builds it and the harness")
    add("picks it up. A program of several files is a folder `bad-<what>/` or")
    add("`good-<what>/` of `.cpp` files, built into one executable and linted")
    add("as a project of its own (`async-lint -p` given all its files, so that")
    add("the whole-project analysis sees each file's functions from the others);")
    add("its tables name the file of each line. A new check needs an entry in")
    add("`runtime-kinds.json` (empty")
    add("when the runtime cannot see its bug: the check is then validated")
    add("statically only, against the programs' names). The examples of")
    add("`docs/checks/<check-id>.md` are the `// doc:begin <title>` ...")
    add("`// doc:end` regions of the check's programs, each preceded by")
    add("`<!-- example: <program path> -->` and, for a bad program, followed by")
    add("the findings in the region (test `validation.doc-examples`).")
    add("")
    add("## Summary")
    add("")
    header = ("| check | programs | bad | good | agreement | listed differences "
              "| precision | recall |")
    add(header)
    add("|---|---|---|---|---|---|---|---|")
    for check in dynamic:
        add(summary_row(check, [r for r in results if r["check"] == check]))
    if static_only:
        add("")
        add("### Static only")
        add("")
        add("aio's debug mode has no report for these checks' bugs, so the")
        add("expected verdict is the program's name: a bad program must get a")
        add("finding, a good one none.")
        add("")
        add(header)
        add("|---|---|---|---|---|---|---|---|")
        for check in static_only:
            add(summary_row(check, [r for r in results if r["check"] == check]))
    real_code = REAL_CODE_FILE.read_text(encoding="utf-8").rstrip("\n")
    add("")
    add(f"<!-- The next section is {relative(REAL_CODE_FILE, HERE.parent.parent)}. -->")
    add("")
    add(real_code)
    for check in dynamic + static_only:
        rows = [r for r in results if r["check"] == check]
        add("")
        add(f"## {check}" + (" (static only)" if check in static_only else ""))
        add("")
        if check in static_only:
            add("| program | findings (lines) | verdict |")
            add("|---|---|---|")
        else:
            add("| program | runtime reports (lines) | findings (lines) | verdict |")
            add("|---|---|---|---|")
        for r in rows:
            link = f"[{r['program']}](../test/validation/{check}/{r['program']})"
            verdict = ("agree" if r["agree"] else
                       "listed difference" if r["known_difference"] else
                       "DIFFERENCE")
            if check in static_only:
                add(f"| {link} | {describe_findings(r)} | {verdict} |")
            else:
                add(f"| {link} | {describe_reports(r, mapping[check])} | {describe_findings(r)} "
                    f"| {verdict} |")
        listed = [r for r in rows if r["known_difference"]]
        if listed:
            add("")
            add("Listed differences:")
            add("")
            for r in listed:
                add(f"- `{r['program']}`: {r['known_difference']}")
    others = [(r, o) for r in results for o in r.get("other_checks", [])]
    add("")
    add("## Findings of other checks")
    add("")
    if not others:
        add("No program has a finding of a check other than its own.")
    else:
        add("| program | check | line | why it is right |")
        add("|---|---|---|---|")
        for r, o in others:
            link = (f"[{r['check']}/{r['program']}]"
                    f"(../test/validation/{r['check']}/{r['program']})")
            add(f"| {link} | {o['check']} | {o['line']} "
                f"| {o['why'] or 'NOT ACCEPTED'} |")
    return "\n".join(out) + "\n"


def load_results(args):
    path = Path(args.results)
    if not path.exists():
        raise HarnessError(f"{path} does not exist; run '{Path(__file__).name} "
                           f"run' first (ctest -R validation.programs)")
    return json.loads(path.read_text(encoding="utf-8"))


def command_report(args):
    source_root = Path(args.source_root).resolve()
    doc = source_root / "docs" / "validation.md"
    text = render_report(load_results(args))
    if args.write:
        doc.write_text(text, encoding="utf-8")
        print(f"wrote {doc}")
        return 0
    current = doc.read_text(encoding="utf-8") if doc.exists() else ""
    if current == text:
        return 0
    sys.stderr.writelines(difflib.unified_diff(
        current.splitlines(True), text.splitlines(True),
        "docs/validation.md (committed)", "docs/validation.md (computed)"))
    print("error: docs/validation.md is out of date; regenerate it with "
          "'ninja validation-report'", file=sys.stderr)
    return 1


# --- docs/checks/<id>.md examples ------------------------------------------

EXAMPLE_MARKER = re.compile(r"^<!-- example: (?P<path>\S+) -->$")
DOC_BEGIN = re.compile(r"^\s*// doc:begin (?P<title>\S.*)$")
DOC_END = re.compile(r"^\s*// doc:end\s*$")


def doc_region(program):
    """(file, first line, last line, text) of the program's doc region, in
    any of its files, or None."""
    regions = []
    for source in program.sources:
        display = relative(source, program.source_root)
        lines = source.read_text(encoding="utf-8").splitlines()
        start = None
        for number, text in enumerate(lines, 1):
            if DOC_BEGIN.match(text):
                if start is not None:
                    raise HarnessError(f"{display}:{number}: nested doc:begin")
                start = number
            elif DOC_END.match(text):
                if start is None:
                    raise HarnessError(f"{display}:{number}: doc:end "
                                       f"without doc:begin")
                regions.append((source, start + 1, number - 1,
                                "\n".join(lines[start:number - 1])))
                start = None
            elif "doc:begin" in text or "doc:end" in text:
                raise HarnessError(f"{display}:{number}: malformed doc "
                                   f"marker (expected '// doc:begin <title>' or "
                                   f"'// doc:end')")
        if start is not None:
            raise HarnessError(f"{display}:{start}: doc:begin without doc:end")
    if len(regions) > 1:
        raise HarnessError(f"{program.display}: more than one doc region")
    return regions[0] if regions else None


def example_section(page):
    """The lines of the '## Example' section of a check page."""
    lines = page.read_text(encoding="utf-8").splitlines()
    try:
        start = lines.index("## Example")
    except ValueError:
        raise HarnessError(f"{page}: no '## Example' section")
    end = start + 1
    while end < len(lines) and not lines[end].startswith("## "):
        end += 1
    return start + 1, lines[start + 1:end]


def fenced_blocks(first_line, lines, page):
    """(line number, language, text, marker path) of each fenced block."""
    blocks, index = [], 0
    while index < len(lines):
        fence = lines[index]
        if not fence.startswith("```"):
            index += 1
            continue
        opening = first_line + index + 1
        close = index + 1
        while close < len(lines) and lines[close] != "```":
            close += 1
        if close == len(lines):
            raise HarnessError(f"{page}:{opening}: unclosed code block")
        previous = index - 1
        while previous >= 0 and not lines[previous].strip():
            previous -= 1
        marker = EXAMPLE_MARKER.match(lines[previous]) if previous >= 0 else None
        blocks.append((opening, fence[3:].strip(),
                       "\n".join(lines[index + 1:close]),
                       marker["path"] if marker else None))
        index = close + 1
    return blocks


def findings_text(program, region, findings, check):
    source, first, last = region[0], region[1], region[2]
    out = []
    for f in sorted(findings, key=lambda f: (f["line"], f["column"])):
        if (not first <= f["line"] <= last or
                f.get("file", str(source)) != str(source)):
            continue
        out.append(f"{source.name}:{f['line']}:{f['column']}: {f['severity']}: "
                   f"{f['message']} [{check}]")
        for n in f["notes"]:
            out.append(f"{Path(n['file']).name}:{n['line']}:{n['column']}: "
                       f"note: {n['message']}")
    return "\n".join(out)


def command_doc_examples(args):
    source_root = Path(args.source_root).resolve()
    programs = discover(source_root)
    results = {(r["check"], r["program"]): r
               for r in load_results(args)["programs"]}
    errors = []
    for check in sorted({p.check for p in programs}):
        page = source_root / "docs" / "checks" / f"{check}.md"
        group = [p for p in programs if p.check == check]
        regions = {}
        for p in group:
            region = doc_region(p)
            if region is not None:
                regions[relative(region[0], source_root)] = (p, region)
        for label in ("bad", "good"):
            if not any(p.label == label for p, _ in regions.values()):
                errors.append(f"{check}: no {label}- program has a "
                              f"'// doc:begin <title>' ... '// doc:end' region")
        if not page.exists():
            errors.append(f"{page}: missing")
            continue
        first_line, section = example_section(page)
        blocks = fenced_blocks(first_line, section, page)
        shown = []
        expect_findings = None  # the bad example whose findings come next
        for line, language, text, marker in blocks:
            where = f"{relative(page, source_root)}:{line}"
            if language == "text":
                if expect_findings is None:
                    errors.append(f"{where}: a text block must follow a bad "
                                  f"example's code block")
                    continue
                program, region = expect_findings
                expect_findings = None
                result = results.get((check, program.name))
                if result is None:
                    errors.append(f"{where}: no validation results for "
                                  f"{program.display}; run the harness first")
                    continue
                expected = findings_text(program, region, result["findings"],
                                         check)
                if text != expected:
                    errors.append(f"{where}: the findings shown are not those "
                                  f"async-lint reports in {program.display}; "
                                  f"expected:\n{expected}")
                continue
            if expect_findings is not None:
                errors.append(f"{where}: expected a text block with the findings "
                              f"in {expect_findings[0].display} first")
                expect_findings = None
            if language != "cpp":
                errors.append(f"{where}: only cpp blocks (examples) and text "
                              f"blocks (their findings) belong in the example "
                              f"section, found '{language or 'no language'}'")
                continue
            if marker is None or marker not in regions:
                errors.append(f"{where}: a cpp block must be preceded by "
                              f"'<!-- example: test/validation/{check}/<program>"
                              f".cpp -->' naming a program with a doc region")
                continue
            program, region = regions[marker]
            shown.append(marker)
            if text != region[3]:
                errors.append(f"{where}: differs from the doc region of "
                              f"{marker}; expected:\n{region[3]}")
            if program.label == "bad":
                expect_findings = (program, region)
        if expect_findings is not None:
            errors.append(f"{relative(page, source_root)}: expected a text block "
                          f"with the findings in {expect_findings[0].display}")
        for marker in sorted(regions):
            count = shown.count(marker)
            if count != 1:
                errors.append(f"{relative(page, source_root)}: the doc region "
                              f"of {marker} is shown {count} times in the example "
                              f"section (expected once)")
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    return 1 if errors else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-root", required=True)
    parser.add_argument("--build-root", required=True)
    parser.add_argument("--programs", required=True,
                        help="where the programs were built")
    parser.add_argument("--results", required=True,
                        help="the results file written by 'run'")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run")
    run.add_argument("--async-lint", required=True)
    run.add_argument("--blockdetect", required=True)
    run.add_argument("--only", action="append", metavar="CHECK",
                     help="validate only this check's programs (repeatable)")
    report = commands.add_parser("report")
    mode = report.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    commands.add_parser("doc-examples")
    args = parser.parse_args()
    for name in ("source_root", "build_root", "programs", "results",
                 "async_lint", "blockdetect"):
        if getattr(args, name, None):
            setattr(args, name, str(Path(getattr(args, name)).resolve()))
    try:
        if args.command == "run":
            return command_run(args)
        if args.command == "report":
            return command_report(args)
        return command_doc_examples(args)
    except HarnessError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
