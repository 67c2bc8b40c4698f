#!/usr/bin/env python3
"""Writes async-lint(1) in roff from what the built driver prints: --help for
the description and options, --list-checks and --explain for the checks. The
page thus never disagrees with the program it documents."""

import argparse
import os
import re
import subprocess
import sys

# "  --checks=<string>     - Comma-separated ..." (the text may start on the
# next lines, indented to the column after the dash).
OPTION_LINE = re.compile(r"^  (-\S.*?)\s+- ?(.*)$")
# "  MutexLocking (default 'false'): Also report ..." under --explain's
# "Options:".
CHECK_OPTION_LINE = re.compile(r"^  (\w+ \(default '.*?'\)): (.*)$")


def run(driver, *args):
    environment = dict(os.environ, NO_COLOR="1")
    result = subprocess.run([driver, *args], capture_output=True, text=True,
                            env=environment, check=False)
    if result.returncode != 0:
        sys.exit(f"generate-man-page: '{driver} {' '.join(args)}' failed "
                 f"with exit code {result.returncode}:\n{result.stderr}")
    return result.stdout


def escape(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    # A line starting with . or ' would be read as a request.
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def verbatim(lines):
    return [".PP", ".nf", *(escape(line) for line in lines), ".fi"]


def paragraphs(text):
    """Prose as .PP paragraphs; indented lines (examples, code) verbatim."""
    out = []
    prose, code = [], []

    def flush():
        if prose:
            out.extend([".PP", escape(" ".join(prose))])
            prose.clear()
        if code:
            out.extend(verbatim(code))
            code.clear()

    for line in text.splitlines():
        check_option = CHECK_OPTION_LINE.match(line)
        if check_option:
            flush()
            out.extend([".TP", escape(check_option.group(1)),
                        escape(check_option.group(2))])
        elif not line.strip():
            flush()
        elif line.startswith("  "):
            if prose:
                flush()
            code.append(line)
        else:
            if code:
                flush()
            prose.append(line.strip())
    flush()
    return out


def split_help(help_text):
    overview = help_text.split("USAGE:", 1)[0].replace("OVERVIEW:", "", 1)
    usage = re.search(r"^USAGE: (.*)$", help_text, re.MULTILINE).group(1)
    options_text = help_text.split("OPTIONS:", 1)[1]
    return overview, usage, options_text


def options_section(options_text):
    out = []
    current = None
    for line in options_text.splitlines():
        match = OPTION_LINE.match(line)
        if match:
            current = [match.group(1), match.group(2).strip()]
            out.append(current)
        elif current and line.startswith("    "):
            current.append(line.strip())
        elif line.strip():
            current = None  # a group heading such as "Generic Options:"
    roff = []
    for name, *description in out:
        roff.extend([".TP", f"\\fB{escape(name)}\\fR",
                     escape(" ".join(part for part in description if part))])
    return roff


def checks_section(driver):
    roff = []
    listing = run(driver, "--list-checks", "--checks=async-*")
    for line in listing.splitlines():
        check = line.split()[0]
        explanation = run(driver, f"--explain={check}")
        # The page's location depends on where the driver runs; FILES says
        # where the installed pages are.
        lines = [text for text in explanation.splitlines()
                 if not text.startswith("Documentation:")]
        roff.extend([".SS", escape(lines[0])])
        roff.extend(paragraphs("\n".join(lines[1:])))
    return roff


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--driver", required=True, help="the built async-lint")
    parser.add_argument("--version", required=True)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()

    overview, usage, options_text = split_help(run(args.driver, "--help"))
    roff = [
        f'.TH ASYNC\\-LINT 1 "" "async-lint {escape(args.version)}" '
        '"User Commands"',
        ".SH NAME",
        "async\\-lint \\- find bugs in C++20 coroutine code",
        ".SH SYNOPSIS",
        escape(usage),
        ".SH DESCRIPTION",
        *paragraphs(overview.strip("\n")),
        ".SH OPTIONS",
        *options_section(options_text),
        ".SH CHECKS",
        ".PP",
        "Every check, as \\fB\\-\\-explain\\fR prints it.",
        *checks_section(args.driver),
        ".SH FILES",
        ".TP",
        "\\fI.async\\-lint.yaml\\fR, \\fI.clang\\-tidy\\fR",
        "Configuration, looked up from each analysed file's directory upwards.",
        ".TP",
        "\\fI/usr/share/doc/async\\-lint/\\fR",
        "The documentation: \\fIchecks/<check>.md\\fR for each check, "
        "\\fIconfiguration.md\\fR, \\fIplugin.md\\fR for the clang\\-tidy "
        "plugin (under the installation prefix when not installed in "
        "\\fI/usr\\fR).",
        ".SH SEE ALSO",
        "\\fBclang\\-tidy\\-19\\fR(1)",
    ]
    with open(args.output, "w", encoding="utf-8") as page:
        page.write("\n".join(roff) + "\n")


if __name__ == "__main__":
    main()
