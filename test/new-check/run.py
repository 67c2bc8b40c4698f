#!/usr/bin/env python3
"""scripts/new-check.py end to end: generates a throwaway check into a copy
of the sources, builds the driver and the plugin there, and runs the new
check's lit test and the tests that every check id must pass (check-ids,
doc-options). Prints how long each step took.

usage: run.py --source-root SRC --work-dir DIR --lit LIT_PY
              [--jobs N] [-- CMAKE_ARGS...]

The copy is configured with the CMAKE_ARGS given (ctest passes the
compilers, build type and compiler launcher of the build it runs in), so
with ccache only the new check, the module and the embedded catalog are
compiled: the objects of the other files are the ones the main build made.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

CHECK_ID = "async-throwaway-example"


def step(title, command, **kwargs):
    start = time.monotonic()
    print(f"== {title}: {' '.join(map(str, command))}", flush=True)
    result = subprocess.run(list(map(str, command)), **kwargs)
    print(f"== {title}: {time.monotonic() - start:.0f} s", flush=True)
    if result.returncode != 0:
        sys.exit(f"run.py: {title} failed (exit {result.returncode})")


def copy_sources(source_root, copy):
    """The files git knows (committed or not, ignored ones left out), else
    everything but build directories."""
    if copy.exists():
        shutil.rmtree(copy)
    listed = subprocess.run(
        ["git", "-C", str(source_root), "ls-files", "-z", "--cached",
         "--others", "--exclude-standard"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if listed.returncode != 0:
        shutil.copytree(source_root, copy, symlinks=True,
                        ignore=shutil.ignore_patterns("build*", ".git"))
        return
    for name in listed.stdout.decode().split("\0"):
        source = source_root / name
        if name and source.is_file():
            target = copy / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source-root", type=Path, required=True)
    parser.add_argument("--work-dir", type=Path, required=True)
    parser.add_argument("--lit", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("cmake_args", nargs="*")
    args = parser.parse_args()
    started = time.monotonic()

    source_root = args.source_root.resolve()
    copy = args.work_dir.resolve() / "src"
    build = copy / "build"
    copy_sources(source_root, copy)
    # ccache finds the main build's objects when both trees are below its
    # base directory: the paths it hashes are then relative.
    environment = dict(os.environ)
    environment.setdefault(
        "CCACHE_BASEDIR", os.path.commonpath([source_root, copy]))
    # Debug information names the build directory, which ccache would
    # otherwise hash: the copy's objects need not name the right one.
    environment.setdefault("CCACHE_NOHASHDIR", "true")

    step("generate", [sys.executable, copy / "scripts" / "new-check.py",
                      "--root", copy, CHECK_ID])
    step("configure", ["cmake", "-S", copy, "-B", build, "-G", "Ninja",
                       *args.cmake_args], stdout=subprocess.DEVNULL,
         env=environment)
    step("build", ["ninja", "-C", build, f"-j{args.jobs}", "async-lint",
                   "async-lint-plugin"], env=environment)
    step("lit", [sys.executable, args.lit, "-sv",
                 f"--param=async_lint_site={build}/test/lit.site.cfg.py",
                 copy / "test" / "checks" / CHECK_ID,
                 copy / "test" / "catalog" / "check-ids.test",
                 copy / "test" / "catalog" / "doc-options.test"])
    print(f"run.py: {CHECK_ID} generated, built and tested in "
          f"{time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
