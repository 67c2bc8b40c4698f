#!/usr/bin/env python3
"""Writes the skeleton of a new check, in every place a check id must appear.

usage: new-check.py [--root DIR] async-<kebab-name>

For async-foo-bar it writes
  checks/FooBarCheck.h, checks/FooBarCheck.cpp   the check (a FunctionCheck
                                                  with its RuleOptions)
  checks/AsyncModule.cpp, checks/CMakeLists.txt   its registration and source
  rules/checks/async-foo-bar.yaml                 its rule: title, severity,
                                                  summary, rationale, options
  test/checks/async-foo-bar/basic.cpp             a lit test, buggy and clean
  test/validation/async-foo-bar/{bad,good}-*.cpp  programs for the validation
  test/validation/runtime-kinds.json              its (empty) runtime kinds
  docs/checks/async-foo-bar.md                    its page (Options table from
                                                  scripts/doc-options.py)
  README.md                                       its row in the Checks table
which is what test/catalog/check-ids.test and the validation require. The
skeleton builds and passes its tests: it reports a call, in a coroutine, of
a function named by its ReportedFunctions option. Every TODO marks what to
replace with the real check (see CONTRIBUTING.md).
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ID_PATTERN = re.compile(r"^async-[a-z]+(-[a-z]+)*$")
BANNER_WIDTH = 80


def fail(message):
    sys.exit(f"new-check.py: error: {message}")


def camel(check_id):
    return "".join(word.capitalize() for word in check_id.split("-")[1:])


def banner(file_name, check_id, cxx_mode):
    """The first line of a source file, LLVM style, 80 columns wide."""
    tail = "-*- C++ -*-===//" if cxx_mode else "===//"
    for head in (f"//===--- {file_name} - {check_id} ", f"//===--- {file_name} "):
        dashes = BANNER_WIDTH - len(head) - len(tail)
        if dashes >= 1:
            return head + "-" * dashes + tail
    return f"//===--- {file_name} ---===//"


def header(check_id, name):
    guard = f"ASYNC_LINT_CHECKS_{name.upper()}CHECK_H"
    return f"""{banner(f"{name}Check.h", check_id, True)}

#ifndef {guard}
#define {guard}

#include "utils/FunctionCheck.h"
#include "utils/QualifiedNameMatcher.h"
#include "utils/RuleOptions.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::async {{

/// TODO: what {check_id} reports. The skeleton reports a call, in a
/// coroutine, of a function that the ReportedFunctions option names.
class {name}Check : public utils::FunctionCheck {{
public:
  {name}Check(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  utils::RuleOptions RuleOptions;
  utils::QualifiedNameMatcher ReportedFunctions;
}};

}} // namespace clang::tidy::async

#endif // {guard}
"""


def source(check_id, name):
    # rules::option::<id without async-, in snake_case>, as the build names it.
    snake = check_id.removeprefix("async-").replace("-", "_")
    return f"""{banner(f"{name}Check.cpp", check_id, False)}

#include "{name}Check.h"
#include "utils/FunctionBodyScan.h"

#include "clang/AST/Decl.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {{

// The rule's option names, generated from rules/checks/{check_id}.yaml.
namespace option = rules::option::{snake};

{name}Check::{name}Check(StringRef Name, ClangTidyContext *Context)
    : FunctionCheck(Name, Context), RuleOptions(Name, Options, Context) {{
  // TODO: names that are knowledge of a runtime belong to an API kind of
  // rules/profiles/ (ReportedFunctions.addKind(RuleOptions.catalog(), ...)).
  ReportedFunctions.addNames(RuleOptions.list(option::ReportedFunctions));
}}

void {name}Check::storeOptions(ClangTidyOptions::OptionMap &Opts) {{
  RuleOptions.store(Options, Opts);
}}

void {name}Check::registerMatchers(MatchFinder *Finder) {{
  matchDefinitions(Finder, utils::Definitions::Coroutines);
}}

void {name}Check::check(const MatchFinder::MatchResult &Result) {{
  const auto *Coroutine =
      Result.Nodes.getNodeAs<FunctionDecl>(utils::AnalysedFunction);
  // TODO: the check's analysis.
  utils::FunctionBodyScan Scan(*Coroutine);
  for (const CallExpr *Call : Scan.calls()) {{
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee &&
        ReportedFunctions.matchesName(Callee->getQualifiedNameAsString()))
      diag(Call->getBeginLoc(), "call to '%0' in coroutine %1")
          << Callee->getQualifiedNameAsString() << Coroutine;
  }}
}}

}} // namespace clang::tidy::async
"""


def rule(check_id):
    return f"""id: {check_id}
title: TODO title in a few words
severity: warning
summary: TODO what the check finds, in one line (the README's table and SARIF show it)
rationale: >
  TODO why the code it finds is a bug, what happens at run time, and what
  the code should do instead (async-lint --explain and SARIF show this).
options:
  - name: ReportedFunctions
    default: 'example::forbidden'
    description: Functions (';'-separated qualified names, '*' wildcards) whose call in a coroutine is reported. TODO replace with the check's own options.
examples:
  bad:
    - title: TODO the bug
      code: |
        aio::task<> work() {{
          example::forbidden();
          co_return;
        }}
  good:
    - title: TODO the fix
      code: |
        aio::task<> work() {{
          co_return;
        }}
"""


def lit_test(check_id):
    return f"""// TODO: one file per situation; every expected finding beside its line,
// and the code that must stay silent next to it.
// RUN: %check_async %s {check_id} %t

#include "demo_task.h"

namespace example {{
void forbidden();
void allowed();
}} // namespace example

demo::task<> calls_the_reported_function() {{
  example::forbidden();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'example::forbidden' in coroutine 'calls_the_reported_function' [{check_id}]
  co_return;
}}

// Clean: another function, and the reported one outside a coroutine.
demo::task<> calls_another_function() {{
  example::allowed();
  co_return;
}}

void plain_function() {{ example::forbidden(); }}
"""


PROGRAM_MAIN = """
int main() {
  aio::loop_options options;
  options.clock = std::make_shared<aio::manual_clock>();
  options.debug = true;
  aio::event_loop loop(options);
  loop.run_until_complete(work());
}
"""


def program(comment, region_title, region):
    return (f"""// {comment}
#include "aio/aio.hpp"

#include <chrono>
#include <memory>

namespace example {{
void forbidden() {{}}
void allowed() {{}}
}} // namespace example

// doc:begin {region_title}
{region}// doc:end
""" + PROGRAM_MAIN)


BAD_REGION = """aio::task<> work() {
  example::forbidden();
  co_await aio::sleep(std::chrono::milliseconds(1));
}
"""
GOOD_REGION = """aio::task<> work() {
  example::allowed();
  co_await aio::sleep(std::chrono::milliseconds(1));
}
"""
BAD_TITLE = "the reported call in a coroutine"
GOOD_TITLE = "another call"


def bad_finding(check_id, bad_name, bad_text):
    lines = bad_text.split("\n")
    number = lines.index("  example::forbidden();") + 1
    return (f"{bad_name}:{number}:3: warning: call to 'example::forbidden' in "
            f"coroutine 'work' [{check_id}]")


def page(check_id, bad_name, good_name, finding):
    validation = f"test/validation/{check_id}"
    return f"""# {check_id}

**Severity:** warning · **Rule file:** [`rules/checks/{check_id}.yaml`](../../rules/checks/{check_id}.yaml)

TODO: what the check reports, in a paragraph.

## Why

TODO: why it is a bug, what happens at run time.

## What is reported

TODO: the cases the check reports, each with its message.

## Example

Excerpts of the validation programs, which the test suite compiles, runs under
aio's debug mode and lints ([validation](../validation.md)). **{BAD_TITLE}**,
from [`{bad_name}`](../../{validation}/{bad_name}):

<!-- example: {validation}/{bad_name} -->
```cpp
{BAD_REGION.rstrip()}
```

```text
{finding}
```

Fixed, **{GOOD_TITLE}**, from
[`{good_name}`](../../{validation}/{good_name}):

<!-- example: {validation}/{good_name} -->
```cpp
{GOOD_REGION.rstrip()}
```

## Options

<!-- options:begin (generated by scripts/doc-options.py) -->
<!-- options:end -->

## Limits

- TODO: what the check does not see.
- Suppress a single finding with `// NOLINT({check_id})`.
"""


def insert_sorted(lines, is_entry, key, new_lines, what, path):
    """Inserts new_lines before the first entry whose key sorts after the
    new one (or after the last entry), in a list the file keeps sorted."""
    entries = [i for i, line in enumerate(lines) if is_entry(line)]
    if not entries:
        fail(f"{path}: found no {what} to add the new one to; add it by hand")
    new_key = key(new_lines[0])
    at = next((i for i in entries if key(lines[i]) > new_key),
              entries[-1] + 1)
    lines[at:at] = new_lines


def register_in_module(root, check_id, name):
    path = root / "checks" / "AsyncModule.cpp"
    lines = path.read_text(encoding="utf-8").split("\n")
    include = re.compile(r'^#include "([A-Za-z]+)Check\.h"$')
    insert_sorted(lines, include.match, lambda l: l, [f'#include "{name}Check.h"'],
                  "check #include", path)
    # Each registration is a statement naming the id in quotes; they are
    # sorted by id. Find the statement of the first id after the new one.
    text = "\n".join(lines)
    # The id is named by its generated constant, rules::check::<Name>.
    calls = list(re.finditer(
        r'^    registerFunctionCheck<(\w+)Check>\(\s*CheckFactories,\s*'
        r'rules::check::\w+,\s*Matchers\);\n', text, re.M))
    if not calls:
        fail(f"{path}: found no registerFunctionCheck<...>(CheckFactories, "
             f"rules::check::..., Matchers); add the registration by hand")
    statement = (f'    registerFunctionCheck<{name}Check>(\n'
                 f'        CheckFactories, rules::check::{name}, Matchers);\n')
    after = next((c for c in calls if c.group(1) > name), None)
    at = after.start() if after else calls[-1].end()
    path.write_text(text[:at] + statement + text[at:], encoding="utf-8")
    return path


def add_to_cmake(root, name):
    path = root / "checks" / "CMakeLists.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    entry = re.compile(r"^  [A-Za-z]+Check\.cpp$")
    insert_sorted(lines, entry.match, lambda l: l.strip(),
                  [f"  {name}Check.cpp"], "check source", path)
    path.write_text("\n".join(lines), encoding="utf-8")


def add_runtime_kinds(root, check_id):
    # A check with no kinds has no runtime counterpart (see the file's
    # "about"); the harness needs every check to have an entry.
    path = root / "test" / "validation" / "runtime-kinds.json"
    kinds = json.loads(path.read_text(encoding="utf-8"))
    kinds["checks"][check_id] = {}
    kinds["checks"] = dict(sorted(kinds["checks"].items()))
    path.write_text(json.dumps(kinds, indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8")


def add_readme_row(root, check_id):
    path = root / "README.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    rows = [i for i, line in enumerate(lines)
            if line.startswith("| [async-") and "](docs/checks/" in line]
    if not rows:
        fail(f"{path}: found no row of the Checks table; add one by hand")
    lines.insert(rows[-1] + 1, f"| [{check_id}](docs/checks/{check_id}.md) | "
                 "TODO what the check finds |")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_new(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def clang_format(paths):
    tool = shutil.which("clang-format-19") or shutil.which("clang-format")
    if not tool:
        print("new-check.py: clang-format-19 not found; format the C++ files "
              "before committing", file=sys.stderr)
        return
    subprocess.run([tool, "-i", *map(str, paths)], check=True)


def main():
    parser = argparse.ArgumentParser(
        description="Writes the skeleton of a new async-lint check.")
    parser.add_argument("id", help="the check id, async-<kebab-name>")
    parser.add_argument("--root", type=Path,
                        default=Path(__file__).resolve().parent.parent,
                        help="the source tree to write into (default: this one)")
    args = parser.parse_args()
    check_id, root = args.id, args.root.resolve()

    if not ID_PATTERN.match(check_id):
        hint = ""
        words = re.sub(r"([a-z])([A-Z])", r"\1-\2", check_id).lower()
        words = re.sub(r"[^a-z]+", "-", words).strip("-")
        candidate = "async-" + re.sub(r"^async-", "", words)
        if ID_PATTERN.match(candidate):
            hint = f"; did you mean '{candidate}'?"
        fail(f"'{check_id}' is not a check id (async- then lowercase words "
             f"joined by '-'){hint}")
    if (root / "rules" / "checks" / f"{check_id}.yaml").exists():
        fail(f"{check_id} exists already (rules/checks/{check_id}.yaml)")
    name = camel(check_id)
    slug = check_id[len("async-"):]
    bad_name, good_name = f"bad-{slug}.cpp", f"good-{slug}.cpp"
    bad_text = program(f"TODO: a program with the bug that {check_id}\n"
                       "// finds, which aio's debug mode shows at run time "
                       "when the check has a\n// runtime counterpart.",
                       BAD_TITLE, BAD_REGION)
    good_text = program(f"TODO: the same program without the bug;\n"
                        f"// {check_id} reports nothing.",
                        GOOD_TITLE, GOOD_REGION)
    validation = root / "test" / "validation" / check_id

    cxx = [write_new(root / "checks" / f"{name}Check.h", header(check_id, name)),
           write_new(root / "checks" / f"{name}Check.cpp", source(check_id, name)),
           register_in_module(root, check_id, name)]
    add_to_cmake(root, name)
    write_new(root / "rules" / "checks" / f"{check_id}.yaml", rule(check_id))
    # Tests are written formatted: clang-format would break the long
    # CHECK-MESSAGES line.
    write_new(root / "test" / "checks" / check_id / "basic.cpp",
              lit_test(check_id))
    write_new(validation / bad_name, bad_text)
    write_new(validation / good_name, good_text)
    add_runtime_kinds(root, check_id)
    write_new(root / "docs" / "checks" / f"{check_id}.md",
              page(check_id, bad_name, good_name,
                   bad_finding(check_id, bad_name, bad_text)))
    add_readme_row(root, check_id)
    clang_format(cxx)
    subprocess.run([sys.executable, str(Path(__file__).with_name("doc-options.py")),
                    str(root)], check=True)
    print(f"Wrote {check_id} ({name}Check). Next: replace every TODO, build, "
          f"and run its tests (CONTRIBUTING.md).")


if __name__ == "__main__":
    main()
