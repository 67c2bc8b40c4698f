#!/usr/bin/env python3
"""Runs a check test through both ways of using async-lint.

The input is linted by clang-tidy with the plugin loaded and by the async-lint
driver. Both must report the same findings and, with --fix, produce the same
file. The findings are then checked with FileCheck against the CHECK-MESSAGES
lines written beside the code, with every unexpected warning, error or note
failing the test; the fixed file is checked against the CHECK-FIXES lines.

usage (from a RUN line):
  %check_async [--config=YAML] [--check-suffix=S] INPUT CHECK TEMP -- [ARGS]
"""

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys

DIAGNOSTIC = re.compile(r"^(.*?):(\d+):(\d+): (warning|error|note): (.*)$")


def fail(message):
    sys.stderr.write(f"check_async.py: error: {message}\n")
    sys.exit(1)


def run(command):
    result = subprocess.run(command, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    if result.returncode < 0 or result.returncode >= 128:
        fail(f"crashed (exit {result.returncode}):\n  {' '.join(command)}\n"
             f"{result.stdout}")
    return result


def diagnostics(output, linted_file, shown_as):
    """The diagnostic lines of an output, with the linted copy's path replaced
    by the input's so that the two tools' outputs compare equal."""
    lines = []
    for line in output.splitlines():
        match = DIAGNOSTIC.match(line)
        if match:
            if match.group(5) == "FIX-IT applied suggested code changes":
                continue
            path = match.group(1)
            if os.path.abspath(path) == os.path.abspath(linted_file):
                path = shown_as
            lines.append(f"{path}:{match.group(2)}:{match.group(3)}: "
                         f"{match.group(4)}: {match.group(5)}")
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--driver", required=True)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--inputs", required=True)
    parser.add_argument("--runtime-include", required=True)
    parser.add_argument("--config", default=None)
    parser.add_argument("--check-suffix", default="")
    parser.add_argument("--expect-compiler-errors", action="store_true")
    parser.add_argument("input")
    parser.add_argument("check")
    parser.add_argument("temp")
    parser.add_argument("compiler_args", nargs="*")
    args = parser.parse_args()

    with open(args.input, encoding="utf-8") as f:
        text = f.read()
    suffix = f"-{args.check_suffix.upper()}" if args.check_suffix else ""
    messages_prefix = f"CHECK-MESSAGES{suffix}"
    fixes_prefix = f"CHECK-FIXES{suffix}"
    has_messages = re.search(rf"\b{messages_prefix}:", text) is not None
    has_fixes = re.search(rf"\b{fixes_prefix}:", text) is not None

    # CHECK lines are blanked in the copies that are linted, so that fixes
    # cannot touch them and line numbers stay those of the input.
    cleaned = re.sub(r"// *CHECK-[A-Z0-9\-]*:[^\r\n]*", "//", text)
    compiler_args = ["-std=c++20", f"-I{args.inputs}",
                     f"-I{args.runtime_include}"] + args.compiler_args
    checks = f"-checks=-*,{args.check}"

    results = {}
    for tool in ("plugin", "driver"):
        linted = f"{args.temp}.{tool}.cpp"
        os.makedirs(os.path.dirname(os.path.abspath(linted)), exist_ok=True)
        with open(linted, "w", encoding="utf-8") as f:
            f.write(cleaned)
        if tool == "plugin":
            # clang-tidy 22 shows headers' findings by default; the driver,
            # like clang-tidy 19, shows none unless asked.
            command = ["env", "LD_BIND_NOW=1", args.clang_tidy,
                       f"--load={args.plugin}", "--header-filter="]
        else:
            command = [args.driver, "--quiet"]
        command.append(checks)
        if args.config is not None:
            command.append(f"--config={args.config}")
        if has_fixes:
            command.append("--fix")
        command += [linted, "--"] + compiler_args
        output = run(command).stdout
        found = diagnostics(output, linted, args.input)
        compiler_errors = [d for d in found if "[clang-diagnostic-" in d
                           and ": error: " in d]
        if compiler_errors and not args.expect_compiler_errors:
            fail("the test input does not compile:\n" + "\n".join(found))
        with open(linted, encoding="utf-8") as f:
            fixed = f.read()
        results[tool] = (found, fixed, command, output)

    plugin_found, plugin_fixed, plugin_command, plugin_output = \
        results["plugin"]
    driver_found, driver_fixed, driver_command, _ = results["driver"]
    if plugin_found != driver_found:
        diff = "\n".join(difflib.unified_diff(
            plugin_found, driver_found, "clang-tidy --load", "async-lint",
            lineterm=""))
        fail("the plugin and the driver disagree:\n" + diff)
    if plugin_fixed != driver_fixed:
        fail("the plugin and the driver fixed the file differently")

    messages_file = f"{args.temp}.messages"
    with open(messages_file, "w", encoding="utf-8") as f:
        f.write("\n".join(plugin_found) + "\n")
    if has_messages:
        check = subprocess.run(
            ["FileCheck", f"-input-file={messages_file}", args.input,
             f"-check-prefix={messages_prefix}",
             "-implicit-check-not={{warning|error|note}}:"])
        if check.returncode != 0:
            sys.stderr.write("clang-tidy command: " + " ".join(plugin_command)
                             + "\n" + plugin_output)
            sys.exit(1)
    elif plugin_found:
        fail("expected no diagnostics, got:\n" + "\n".join(plugin_found))

    if has_fixes:
        fixed_file = f"{args.temp}.fixed.cpp"
        with open(fixed_file, "w", encoding="utf-8") as f:
            f.write(plugin_fixed)
        check = subprocess.run(
            ["FileCheck", f"-input-file={fixed_file}", args.input,
             f"-check-prefix={fixes_prefix}", "-strict-whitespace"])
        if check.returncode != 0:
            sys.exit(1)


if __name__ == "__main__":
    main()
