#!/usr/bin/env python3
"""What the async-* checks cost on top of parsing.

Measures, in one run and on the same inputs:
  syntax    clang++ -fsyntax-only with the input's flags
  floor     clang-tidy with the plugin loaded and one trivial built-in
            check (-*,bugprone-empty-catch): the cost of parsing under
            clang-tidy, which every figure is divided by
  all       every registered async-* check
  <check>   each async-* check alone
  peer      clang-tidy's built-in coroutine checks
and the async-lint driver's speed-up from --jobs 1 to --jobs 2.

Inputs: the Boost.Asio C++20 examples of libboost1.81-doc, the runtime's own
tests (flags from a compile_commands.json) and generated translation units
of 250 to 16,000 coroutines (generate_coroutines.py).

The machine may be shared, so each figure is the minimum over repetitions,
with the spread beside it; the variants are interleaved within each
repetition (in an order rotated from one repetition to the next), and the
ratios use CPU time (user + system of the child), which other processes
disturb far less than wall time. --count-instructions adds a count of
executed instructions (perf stat, or valgrind --tool=callgrind where perf
has no hardware counters), which does not depend on the load at all.

The async-* checks are those the plugin registers (clang-tidy
--list-checks -checks=-*,async-*), so checks added later are measured too.
clang-tidy and clang++ are those of the LLVM the build was configured with
(LLVM_DIR in its CMakeCache.txt), so the same command measures an LLVM 19
and an LLVM 22 build.

usage: bench_analysis.py --build-dir BUILD [options]   (see --help)
See docs/performance.md for the figures and how to read them.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.dirname(os.path.dirname(HERE))
ASIO_EXAMPLES = "/usr/share/doc/libboost1.81-doc/examples/libs/asio/example"
FLOOR_CHECKS = "-*,bugprone-empty-catch"
PEER_CHECKS = ("-*,cppcoreguidelines-avoid-capturing-lambda-coroutines,"
               "cppcoreguidelines-avoid-reference-coroutine-parameters,"
               "cppcoreguidelines-no-suspend-with-lock,"
               "misc-coroutine-hostile-raii")
DEFAULT_SIZES = "250,1000,4000,16000"
# The growth target: 16,000 coroutines may take at most this many times the
# time of 250 (64 times the code).
GROWTH_LIMIT = 70.0
OVERHEAD_LIMIT = 0.10
SPEEDUP_TARGET = 1.8


class BenchError(Exception):
    pass


# ---------------------------------------------------------------------------
# Running and measuring one command


class Sample:
    """One run of one command: wall and CPU seconds, peak RSS in MiB."""

    def __init__(self, wall, cpu, rss, load):
        self.wall = wall
        self.cpu = cpu
        self.rss = rss
        self.load = load


def loadavg():
    with open("/proc/loadavg", encoding="ascii") as f:
        return float(f.read().split()[0])


def run_measured(command, cwd=None, timeout=None, ok_codes=(0,)):
    """Runs command with its output discarded; returns a Sample. An exit code
    outside ok_codes (a compiler error in the input, a crash) is an error."""
    load = loadavg()
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                                stderr=stderr)
        # wait4 gives this child's own rusage (CPU time, peak RSS).
        deadline = None if timeout is None else start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid != 0:
                break
            if deadline is not None and time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                raise BenchError(f"timed out after {timeout} s: {shlex.join(command)}")
            time.sleep(0.005)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in ok_codes:
            stderr.seek(0)
            tail = stderr.read().decode(errors="replace")[-2000:]
            raise BenchError(f"exit code {proc.returncode}: {shlex.join(command)}\n{tail}")
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(wall, cpu, usage.ru_maxrss / 1024.0, max(load, loadavg()))


def count_instructions(command, cwd, tool):
    """Instructions the command executes (user space), with perf or callgrind."""
    if tool == "perf":
        wrapped = ["perf", "stat", "-x", ",", "-e", "instructions:u", "--"] + command
        result = subprocess.run(wrapped, cwd=cwd, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        for line in result.stderr.splitlines():
            fields = line.split(",")
            if len(fields) > 2 and fields[2].startswith("instructions"):
                return int(fields[0])
        raise BenchError("perf stat printed no instruction count")
    wrapped = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
               "--dump-instr=no", "--dump-line=no"] + command
    result = subprocess.run(wrapped, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    match = re.search(r"Collected\s*:\s*(\d+)", result.stderr)
    if not match:
        raise BenchError("callgrind printed no count:\n" + result.stderr[-2000:])
    return int(match.group(1))


def instruction_counter():
    """perf when the machine exposes hardware counters, else callgrind."""
    if shutil.which("perf"):
        result = subprocess.run(["perf", "stat", "-x", ",", "-e",
                                 "instructions:u", "true"],
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        if result.returncode == 0 and re.search(r"^\d+,", result.stderr, re.M):
            return "perf"
    if shutil.which("valgrind"):
        return "callgrind"
    raise BenchError("neither perf with hardware counters nor valgrind works here")


# ---------------------------------------------------------------------------
# Inputs


class Input:
    """One translation unit: its file, its flags and where to compile it."""

    def __init__(self, group, name, file, flags, cwd):
        self.group = group
        self.name = name
        self.file = file
        self.flags = flags
        self.cwd = cwd


def flags_from_compile_command(entry):
    """The compile flags of a compile_commands.json entry, without the
    compiler, the source, the output and dependency-file options."""
    args = entry.get("arguments") or shlex.split(entry["command"])
    source = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
    flags = []
    skip = False
    for arg in args[1:]:
        if skip:
            skip = False
            continue
        if arg in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if arg in ("-c", "-MD", "-MMD") or arg.startswith(("-o", "-MF")):
            continue
        if os.path.normpath(os.path.join(entry["directory"], arg)) == source:
            continue
        flags.append(arg)
    return flags


def asio_inputs(limit):
    root = os.path.join(ASIO_EXAMPLES, "cpp20")
    if not os.path.isdir(root):
        raise BenchError(f"{root} not found: apt-get install libboost1.81-doc")
    files = []
    for directory, _, names in os.walk(root):
        files += [os.path.join(directory, n) for n in names if n.endswith(".cpp")]
    files.sort()
    if limit:
        # Spread evenly over the sorted list, so every folder is represented.
        step = len(files) / limit
        files = [files[int(i * step)] for i in range(min(limit, len(files)))]
    # The flags test/sweep analyses them with.
    return [Input("asio-cpp20", os.path.relpath(f, root), f,
                  ["-std=c++20", "-pthread"], root) for f in files]


def runtime_test_inputs(compile_db, limit):
    path = os.path.join(compile_db, "compile_commands.json")
    if not os.path.isfile(path):
        raise BenchError(f"{path} not found (configure the build with CMake)")
    with open(path, encoding="utf-8") as f:
        entries = json.load(f)
    tests_dir = os.path.join(SOURCE_ROOT, "test", "runtime")
    seen = {}
    for entry in entries:
        source = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
        if os.path.dirname(source) == tests_dir and source.endswith(".cpp"):
            seen.setdefault(source, entry)
    if not seen:
        raise BenchError(f"no test/runtime/*.cpp in {path}")
    sources = sorted(seen)
    if limit:
        sources = sources[:limit]
    return [Input("runtime-tests", os.path.basename(s), s,
                  flags_from_compile_command(seen[s]), seen[s]["directory"])
            for s in sources]


def generated_inputs(sizes, work_dir):
    inputs = []
    flags = ["-std=c++20", "-I" + os.path.join(SOURCE_ROOT, "runtime", "include")]
    for size in sizes:
        path = os.path.join(work_dir, f"coroutines_{size}.cpp")
        subprocess.run([sys.executable, os.path.join(HERE, "generate_coroutines.py"),
                        str(size), path], check=True)
        inputs.append(Input("generated", str(size), path, flags, work_dir))
    return inputs


# ---------------------------------------------------------------------------
# Variants


def llvm_tools_dir(build_dir):
    """The bin/ directory of the LLVM the build tree was configured with."""
    cache = os.path.join(build_dir, "CMakeCache.txt")
    try:
        with open(cache, encoding="utf-8") as f:
            for line in f:
                if line.startswith("LLVM_DIR:"):
                    # LLVM_DIR is <prefix>/lib/cmake/llvm.
                    llvm_dir = line.split("=", 1)[1].strip()
                    return os.path.normpath(os.path.join(llvm_dir, "..", "..", "..", "bin"))
    except OSError:
        pass
    raise BenchError(f"no LLVM_DIR in {cache}: pass --clang and --clang-tidy")


class Tools:
    def __init__(self, args):
        if not args.clang or not args.clang_tidy:
            tools_dir = llvm_tools_dir(args.build_dir)
        self.clang = args.clang or os.path.join(tools_dir, "clang++")
        self.clang_tidy = args.clang_tidy or os.path.join(tools_dir, "clang-tidy")
        for path in (self.clang, self.clang_tidy):
            if not shutil.which(path):
                raise BenchError(f"{path} not found: install it or pass --clang "
                                 "and --clang-tidy")
        self.plugin = os.path.join(args.build_dir, "lib", "async-lint-plugin.so")
        self.driver = os.path.join(args.build_dir, "bin", "async-lint")
        for path in (self.plugin, self.driver):
            if not os.path.exists(path):
                raise BenchError(f"{path} not found: build the targets async-lint "
                                 "and async-lint-plugin first")

    def async_checks(self):
        """Every async-* check the plugin registers, as clang-tidy lists them."""
        result = subprocess.run([self.clang_tidy, "--load=" + self.plugin,
                                 "-checks=-*,async-*", "--list-checks"],
                                capture_output=True, text=True, check=True)
        checks = re.findall(r"^\s+(async-[a-z0-9-]+)\s*$", result.stdout, re.M)
        if not checks:
            raise BenchError("the plugin registers no async-* check:\n" + result.stdout)
        return checks

    def tidy(self, checks, item, extra=()):
        return ([self.clang_tidy, "--load=" + self.plugin, "-checks=" + checks,
                 "--quiet", *extra, item.file, "--"] + item.flags)

    def command(self, variant, item):
        if variant == "syntax":
            return [self.clang, "-fsyntax-only", *item.flags, item.file]
        if variant == "floor":
            return self.tidy(FLOOR_CHECKS, item)
        if variant == "all":
            return self.tidy("-*,async-*", item)
        if variant == "peer":
            return self.tidy(PEER_CHECKS, item)
        return self.tidy("-*," + variant, item)


# ---------------------------------------------------------------------------
# Statistics and reporting


def summary(samples, key):
    values = sorted(getattr(s, key) for s in samples)
    low = values[0]
    spread = (values[-1] - low) / low if low > 0 else 0.0
    return low, values[len(values) // 2], spread


def pct(x):
    return f"{x * 100:+.1f}%"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def log(message):
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


# ---------------------------------------------------------------------------
# The benchmark


def measure_variants(tools, inputs, variants, reps, timeout):
    """samples[(input name, variant)] = [Sample...]; interleaved per rep."""
    samples = {}
    total = len(inputs) * len(variants) * reps
    done = 0
    for rep in range(reps):
        for item in inputs:
            shift = rep % len(variants)
            order = variants[shift:] + variants[:shift]
            for variant in order:
                sample = run_measured(tools.command(variant, item), item.cwd, timeout)
                samples.setdefault((item.group, item.name, variant), []).append(sample)
                done += 1
                log(f"[{done}/{total}] rep {rep + 1} {item.group}/{item.name} "
                    f"{variant}: {sample.cpu:.2f} s cpu, {sample.wall:.2f} s wall, "
                    f"{sample.rss:.0f} MiB, load {sample.load:.1f}")
    return samples


def group_totals(inputs, samples, variants):
    """Per group and variant: the sum over its files of each file's minimum
    (CPU and wall), the largest peak RSS, and the largest spread."""
    groups = {}
    for item in inputs:
        key = item.group if item.group != "generated" else f"generated-{item.name}"
        g = groups.setdefault(key, {v: {"cpu": 0.0, "wall": 0.0, "rss": 0.0,
                                        "spread": 0.0, "files": 0}
                                    for v in variants})
        for v in variants:
            s = samples[(item.group, item.name, v)]
            cpu, _, spread = summary(s, "cpu")
            wall, _, _ = summary(s, "wall")
            g[v]["cpu"] += cpu
            g[v]["wall"] += wall
            g[v]["rss"] = max(g[v]["rss"], max(x.rss for x in s))
            g[v]["spread"] = max(g[v]["spread"], spread)
            g[v]["files"] += 1
    return groups


def check_profile(tools, inputs, work_dir):
    """Seconds per check (user + system) from clang-tidy's own profile."""
    profile_dir = os.path.join(work_dir, "check-profile")
    per_group = {}
    for item in inputs:
        shutil.rmtree(profile_dir, ignore_errors=True)
        os.makedirs(profile_dir)
        command = tools.tidy("-*,async-*", item, ["--enable-check-profile",
                                                   "--store-check-profile=" + profile_dir])
        run_measured(command, item.cwd)
        key = item.group if item.group != "generated" else f"generated-{item.name}"
        totals = per_group.setdefault(key, {})
        for name in os.listdir(profile_dir):
            with open(os.path.join(profile_dir, name), encoding="utf-8") as f:
                profile = json.load(f).get("profile", {})
            for field, seconds in profile.items():
                match = re.fullmatch(r"time\.clang-tidy\.(.+)\.(user|sys)", field)
                if match:
                    totals[match.group(1)] = totals.get(match.group(1), 0.0) + seconds
    return per_group


def measure_instructions(tools, inputs, variants, counter, work_dir):
    # Valgrind 3.19 cannot read the DWARF 5 that clang-19 writes into a
    # RelWithDebInfo build and gives up; the plugin's code is the same without
    # its debug information, so count with stripped copies of both files (the
    # guard loads the checks from its own directory).
    if counter == "callgrind":
        stripped = os.path.join(work_dir, "stripped-plugin")
        os.makedirs(stripped, exist_ok=True)
        for name in ("async-lint-plugin.so", "async-lint-checks.so"):
            subprocess.run(["llvm-strip-19" if shutil.which("llvm-strip-19") else "strip",
                            "--strip-debug", "-o", os.path.join(stripped, name),
                            os.path.join(os.path.dirname(tools.plugin), name)],
                           check=True)
        tools.plugin = os.path.join(stripped, "async-lint-plugin.so")
    counts = {}
    for item in inputs:
        key = item.group if item.group != "generated" else f"generated-{item.name}"
        for variant in variants:
            log(f"counting instructions ({counter}): {item.group}/{item.name} {variant}")
            n = count_instructions(tools.command(variant, item), item.cwd, counter)
            log(f"  {n} instructions")
            counts.setdefault(key, {}).setdefault(variant, 0)
            counts[key][variant] += n
    return counts


def simulate_workers(costs, workers):
    """Wall time of the driver's schedule: each worker takes the next file in
    order when it is free."""
    free = [0.0] * workers
    for cost in costs:
        i = free.index(min(free))
        free[i] += cost
    return max(free)


def measure_jobs(tools, inputs, samples, reps, work_dir, timeout):
    """async-lint -p DB --jobs 1 and --jobs 2 over every input file."""
    db = os.path.join(work_dir, "jobs-db")
    os.makedirs(db, exist_ok=True)
    entries = [{"directory": item.cwd, "file": item.file,
                "arguments": [tools.clang, *item.flags, "-c", item.file]}
               for item in inputs]
    with open(os.path.join(db, "compile_commands.json"), "w", encoding="utf-8") as f:
        json.dump(entries, f, indent=1)
    runs = {1: [], 2: []}
    for rep in range(reps):
        for jobs in ((1, 2) if rep % 2 == 0 else (2, 1)):
            command = [tools.driver, "-p", db, "--quiet", "--jobs", str(jobs),
                       "-checks=async-*", "--format=json",
                       "--output=" + os.path.join(work_dir, "jobs-findings.json")]
            command += [item.file for item in inputs]
            sample = run_measured(command, work_dir, timeout, ok_codes=(0, 1))
            runs[jobs].append(sample)
            log(f"driver rep {rep + 1} --jobs {jobs}: {sample.wall:.2f} s wall, "
                f"{sample.cpu:.2f} s cpu, {sample.rss:.0f} MiB, load {sample.load:.1f}")
    # The best two-worker schedule the driver's order allows, from the cost
    # of each file alone (the "all" variant).
    costs = [summary(samples[(i.group, i.name, "all")], "cpu")[0] for i in inputs] \
        if all((i.group, i.name, "all") in samples for i in inputs) else None
    return runs, costs


def report(args, checks, inputs, variants, samples, profile, counts, jobs,
           counter, started, finished):
    out = []
    groups = group_totals(inputs, samples, variants)
    cpu_model = "unknown"
    with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
        for line in f:
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    loads = [s.load for v in samples.values() for s in v]
    out.append("# async-lint analysis benchmark\n")
    out.append(f"- machine: {cpu_model}, {os.cpu_count()} cores; "
               f"load average during the runs {min(loads):.1f} to {max(loads):.1f} "
               f"(median {sorted(loads)[len(loads) // 2]:.1f})" if loads else "")
    out.append(f"- {started} to {finished}; {args.reps} repetitions, minimum taken; "
               f"times are CPU seconds (user + system) of the child unless marked wall")
    out.append(f"- async-* checks: {', '.join(checks)}")
    out.append(f"- inputs: " + ", ".join(
        f"{g} ({groups[g][variants[0]]['files']} files)" for g in groups))
    out.append("")

    # Overhead table.
    header = ["input", "syntax-only", "floor (a)", "all async (b)", "(b)/(a)",
              "peer (d)", "(d)/(a)", "spread", "peak RSS (a)", "peak RSS (b)",
              "peak RSS (d)"]
    rows = []
    verdicts = []
    for g, v in groups.items():
        a = v["floor"]["cpu"]
        row = [g, f"{v['syntax']['cpu']:.2f}" if "syntax" in v else "-", f"{a:.2f}"]
        if "all" in v:
            ratio = v["all"]["cpu"] / a - 1
            verdicts.append((g, ratio))
            row += [f"{v['all']['cpu']:.2f}", pct(ratio)]
        else:
            row += ["-", "-"]
        if "peer" in v:
            row += [f"{v['peer']['cpu']:.2f}", pct(v["peer"]["cpu"] / a - 1)]
        else:
            row += ["-", "-"]
        row.append(f"{max(x['spread'] for x in v.values()) * 100:.0f}%")
        row.append(f"{v['floor']['rss']:.0f} MiB")
        row.append(f"{v['all']['rss']:.0f} MiB" if "all" in v else "-")
        row.append(f"{v['peer']['rss']:.0f} MiB" if "peer" in v else "-")
        rows.append(row)
    out.append("## Overhead over the clang-tidy floor (CPU seconds, sum of per-file minima)\n")
    out.append(table(header, rows))
    out.append("")

    alone = [c for c in checks if c in variants]
    if alone:
        out.append("## Each check alone: (c)/(a) - 1\n")
        rows = []
        for g, v in groups.items():
            a = v["floor"]["cpu"]
            rows.append([g] + [pct(v[c]["cpu"] / a - 1) for c in alone])
        out.append(table(["input"] + alone, rows))
        out.append("")

    # Per file, so a cost concentrated in one file is not averaged away.
    if "all" in variants and len(inputs) > 1:
        out.append("## Per file: (b)/(a) - 1 and (d)/(a) - 1 (CPU minima)\n")
        rows = []
        for item in inputs:
            a = summary(samples[(item.group, item.name, "floor")], "cpu")[0]
            b = summary(samples[(item.group, item.name, "all")], "cpu")[0]
            d = (pct(summary(samples[(item.group, item.name, "peer")], "cpu")[0] / a - 1)
                 if "peer" in variants else "-")
            rows.append([f"{item.group}/{item.name}", f"{a:.2f}", f"{b:.2f}",
                         pct(b / a - 1), d])
        out.append(table(["file", "floor (a)", "all (b)", "(b)/(a)", "(d)/(a)"], rows))
        out.append("")

    # Wall-time view of the same ratios.
    out.append("## The same ratios on wall time (more sensitive to load)\n")
    rows = []
    for g, v in groups.items():
        a = v["floor"]["wall"]
        rows.append([g, f"{a:.2f}",
                     pct(v["all"]["wall"] / a - 1) if "all" in v else "-",
                     pct(v["peer"]["wall"] / a - 1) if "peer" in v else "-"])
    out.append(table(["input", "floor wall (a)", "(b)/(a)", "(d)/(a)"], rows))
    out.append("")

    # Growth.
    gen = [(int(i.name), i) for i in inputs if i.group == "generated"]
    growth_ok = None
    if len(gen) >= 2:
        gen.sort()
        out.append("## Growth with the number of coroutines (CPU seconds)\n")
        base = {v: summary(samples[("generated", gen[0][1].name, v)], "cpu")[0]
                for v in variants}
        rows = []
        for n, item in gen:
            row = [str(n)]
            for v in ("floor", "all", "peer"):
                if v in variants:
                    t = summary(samples[("generated", item.name, v)], "cpu")[0]
                    row.append(f"{t:.2f} ({t / base[v]:.1f}x)")
            if "all" in variants:
                t_all = summary(samples[("generated", item.name, "all")], "cpu")[0]
                t_floor = summary(samples[("generated", item.name, "floor")], "cpu")[0]
                base_checks = base["all"] - base["floor"]
                row.append(f"{t_all - t_floor:.2f}")
                row.append(f"{(t_all - t_floor) / base_checks:.1f}x"
                           if base_checks > 0.05 else "-")
            rows.append(row)
        header = ["coroutines"] + [f"{v} (x of {gen[0][0]})" for v in ("floor", "all", "peer")
                                   if v in variants]
        if "all" in variants:
            header += ["checks only (b)-(a)", f"(b)-(a), x of {gen[0][0]}"]
        out.append(table(header, rows))
        first, last = gen[0], gen[-1]
        if "all" in variants:
            t0 = summary(samples[("generated", first[1].name, "all")], "cpu")[0]
            t1 = summary(samples[("generated", last[1].name, "all")], "cpu")[0]
            limit = GROWTH_LIMIT * (last[0] / first[0]) / 64.0
            growth_ok = t1 / t0 <= limit
            out.append(f"\n{last[0]} coroutines take {t1 / t0:.1f}x the time of "
                       f"{first[0]} with all async-* checks (target at most "
                       f"{limit:.0f}x for {last[0] / first[0]:.0f}x the code).")
        out.append("")

    if profile:
        out.append("## clang-tidy --enable-check-profile (user + system seconds per callback)\n")
        out.append("Time clang-tidy attributes to each matcher callback in one run "
                   "with every async-* check. The async-* checks share one matcher "
                   "(checks/utils/FunctionCheck.h), so their matching and analysis "
                   "show together as async-lint-function-matcher; each check's own "
                   "cost is its (c) run. The absolute values overstate cheap "
                   "callbacks, because clang-tidy reads the process's CPU time and "
                   "malloc statistics around every call.\n")
        names = sorted({c for p in profile.values() for c in p})
        rows = []
        for g, p in profile.items():
            total = sum(p.get(c, 0.0) for c in names if c.startswith("async-"))
            floor = groups[g]["floor"]["cpu"] if g in groups else 0.0
            rows.append([g] + [f"{p.get(c, 0.0):.3f}" for c in names] +
                        [f"{total:.3f}", pct(total / floor) if floor else "-"])
        out.append(table(["input"] + names + ["async-* sum", "sum/(a)"], rows))
        out.append("")

    if counts:
        out.append(f"## Instructions executed ({counter}; independent of the load)\n")
        cvariants = [v for v in ("syntax", "floor", "all", "peer") if v in
                     next(iter(counts.values()))]
        rows = []
        for g, c in counts.items():
            row = [g] + [f"{c[v] / 1e9:.2f} G" for v in cvariants]
            if "all" in c:
                row.append(pct(c["all"] / c["floor"] - 1))
            if "peer" in c:
                row.append(pct(c["peer"] / c["floor"] - 1))
            rows.append(row)
        header = ["input"] + cvariants
        header += ["(b)/(a)"] if "all" in cvariants else []
        header += ["(d)/(a)"] if "peer" in cvariants else []
        out.append(table(header, rows))
        out.append("")

    speedup_ok = None
    if jobs:
        runs, costs = jobs
        w1, _, sp1 = summary(runs[1], "wall")
        w2, _, sp2 = summary(runs[2], "wall")
        c1 = summary(runs[1], "cpu")[0]
        c2 = summary(runs[2], "cpu")[0]
        files = sum(1 for i in inputs if i.group != "generated")
        out.append(f"## Driver: async-lint --jobs 1 and --jobs 2 over {files} files "
                   "(the Asio examples and runtime tests measured)\n")
        rows = [["--jobs 1", f"{w1:.2f}", f"{sp1 * 100:.0f}%", f"{c1:.2f}",
                 f"{max(s.rss for s in runs[1]):.0f} MiB",
                 f"{min(s.load for s in runs[1]):.1f}-{max(s.load for s in runs[1]):.1f}"],
                ["--jobs 2", f"{w2:.2f}", f"{sp2 * 100:.0f}%", f"{c2:.2f}",
                 f"{max(s.rss for s in runs[2]):.0f} MiB",
                 f"{min(s.load for s in runs[2]):.1f}-{max(s.load for s in runs[2]):.1f}"]]
        out.append(table(["run", "wall (min)", "spread", "CPU", "peak RSS", "load"], rows))
        out.append(f"\n- measured wall-clock speed-up: {w1 / w2:.2f}x")
        out.append(f"- CPU time with 2 workers / with 1: {c2 / c1:.3f} "
                   "(what running two translation units at once adds: page faults "
                   "for the second one's memory, shared caches, locks)")
        if costs:
            bound = sum(costs) / simulate_workers(costs, 2)
            estimate = bound / (c2 / c1)
            out.append(f"- best speed-up the driver's file order allows (from each "
                       f"file's own cost): {bound:.2f}x")
            out.append(f"- expected speed-up on two otherwise idle cores "
                       f"(that bound / the CPU ratio): {estimate:.2f}x")
        busy = min(s.load for s in runs[1] + runs[2]) >= (os.cpu_count() or 1)
        if not busy:
            speedup_ok = w1 / w2 >= SPEEDUP_TARGET
        elif costs:
            # Wall time says nothing when other processes hold the cores.
            speedup_ok = estimate >= SPEEDUP_TARGET
        else:
            speedup_ok = "not measurable: the load exceeded the cores throughout"
        out.append("")

    out.append("## Targets\n")
    for g, ratio in verdicts:
        out.append(f"- {g}: all async-* checks add {pct(ratio)} to the floor: "
                   f"{'met' if ratio <= OVERHEAD_LIMIT else 'MISSED'} (at most +10%)")
    if growth_ok is not None:
        out.append(f"- linear growth: {'met' if growth_ok else 'MISSED'}")
    if speedup_ok is not None:
        verdict = speedup_ok if isinstance(speedup_ok, str) else \
            ("met" if speedup_ok else "MISSED")
        out.append(f"- --jobs 2 speed-up at least {SPEEDUP_TARGET}x: {verdict}")
    return "\n".join(line for line in out if line is not None) + "\n"


def parse_args(argv):
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build-dir", required=True,
                   help="build tree with bin/async-lint and lib/async-lint-plugin.so")
    p.add_argument("--compile-db", help="directory of the compile_commands.json "
                   "that holds test/runtime/*.cpp (default: --build-dir)")
    p.add_argument("--inputs", default="asio,runtime,generated",
                   help="comma-separated: asio, runtime, generated (default: all three)")
    p.add_argument("--sizes", default=DEFAULT_SIZES,
                   help=f"coroutines per generated file (default {DEFAULT_SIZES})")
    p.add_argument("--asio-files", type=int, default=0,
                   help="measure only this many Asio examples, spread evenly (0: all)")
    p.add_argument("--runtime-files", type=int, default=0,
                   help="measure only the first this many runtime tests (0: all)")
    p.add_argument("--reps", type=int, default=3, help="repetitions (default 3)")
    p.add_argument("--variants", default="",
                   help="comma-separated subset of syntax, floor, all, alone, peer "
                        "(default: every one; floor is always measured)")
    p.add_argument("--no-alone", action="store_true",
                   help="skip (c), each async-* check alone")
    p.add_argument("--no-jobs", action="store_true",
                   help="skip the driver's --jobs 1 / --jobs 2 comparison")
    p.add_argument("--jobs-reps", type=int, default=0,
                   help="repetitions of the driver runs (default: --reps)")
    p.add_argument("--no-profile", action="store_true",
                   help="skip the run with clang-tidy --enable-check-profile")
    p.add_argument("--count-instructions", action="store_true",
                   help="also count instructions of syntax, floor, all and peer "
                        "(perf or callgrind; callgrind is ~50x slower)")
    p.add_argument("--count-inputs", default="generated-250",
                   help="inputs to count instructions for: comma-separated group "
                        "names (asio-cpp20, runtime-tests, generated-N) or 'all'")
    p.add_argument("--clang", help="default: clang++ of the build's LLVM")
    p.add_argument("--clang-tidy", help="default: clang-tidy of the build's LLVM")
    p.add_argument("--timeout", type=float, default=1800.0,
                   help="seconds one command may take")
    p.add_argument("--work-dir", help="where generated inputs go (default: a "
                   "temporary directory, removed afterwards)")
    p.add_argument("--json", help="also write every sample to this file")
    p.add_argument("--output", help="also write the report (Markdown) to this file")
    return p.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    args.build_dir = os.path.abspath(args.build_dir)
    tools = Tools(args)
    checks = tools.async_checks()
    selected = {s.strip() for s in args.inputs.split(",") if s.strip()}
    unknown = selected - {"asio", "runtime", "generated"}
    if unknown:
        raise BenchError(f"unknown --inputs: {', '.join(sorted(unknown))}")
    work_dir = args.work_dir or tempfile.mkdtemp(prefix="async-lint-bench-")
    os.makedirs(work_dir, exist_ok=True)
    work_dir = os.path.abspath(work_dir)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    try:
        inputs = []
        if "asio" in selected:
            inputs += asio_inputs(args.asio_files)
        if "runtime" in selected:
            inputs += runtime_test_inputs(os.path.abspath(args.compile_db or args.build_dir),
                                          args.runtime_files)
        if "generated" in selected:
            sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
            inputs += generated_inputs(sizes, work_dir)
        wanted = {v.strip() for v in args.variants.split(",") if v.strip()} or \
            {"syntax", "floor", "all", "alone", "peer"}
        unknown = wanted - {"syntax", "floor", "all", "alone", "peer"}
        if unknown:
            raise BenchError(f"unknown --variants: {', '.join(sorted(unknown))}")
        wanted.add("floor")
        if args.no_alone:
            wanted.discard("alone")
        variants = [v for v in ("syntax", "floor", "all") if v in wanted]
        variants += checks if "alone" in wanted else []
        variants += ["peer"] if "peer" in wanted else []
        log(f"{len(inputs)} files, {len(variants)} variants, {args.reps} repetitions; "
            f"checks: {', '.join(checks)}")
        samples = measure_variants(tools, inputs, variants, args.reps, args.timeout)
        profile = None if args.no_profile else check_profile(tools, inputs, work_dir)
        counts, counter = None, None
        if args.count_instructions:
            counter = instruction_counter()
            wanted = {g.strip() for g in args.count_inputs.split(",")}
            chosen = [i for i in inputs if "all" in wanted or i.group in wanted
                      or (i.group == "generated" and f"generated-{i.name}" in wanted)]
            counts = measure_instructions(
                tools, chosen, [v for v in ("syntax", "floor", "all", "peer") if v in variants],
                counter, work_dir)
        jobs = None
        file_inputs = [i for i in inputs if i.group != "generated"]
        if not args.no_jobs and len(file_inputs) >= 2:
            jobs = measure_jobs(tools, file_inputs, samples, args.jobs_reps or args.reps,
                                work_dir, args.timeout)
        finished = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        text = report(args, checks, inputs, variants, samples, profile, counts, jobs,
                      counter, started, finished)
        sys.stdout.write(text)
        if args.output:
            with open(args.output, "w", encoding="utf-8") as f:
                f.write(text)
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump({"checks": checks, "samples": [
                    {"group": g, "input": n, "variant": v,
                     "runs": [vars(s) for s in ss]}
                    for (g, n, v), ss in samples.items()],
                    "instructions": counts,
                    "jobs": {str(k): [vars(s) for s in v] for k, v in jobs[0].items()}
                    if jobs else None,
                    "check_profile": profile}, f, indent=1)
    finally:
        if not args.work_dir:
            shutil.rmtree(work_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BenchError as error:
        sys.stderr.write(f"bench_analysis.py: error: {error}\n")
        sys.exit(2)
