#!/usr/bin/env python3
"""Prints the largest source files and functions of a folder (checks/ by
default), to keep each file under --max-file-lines and each function under
--max-function-lines.

Functions are found by scanning braces: a definition is a '{' at namespace or
class level whose preceding text ends with ')' (optionally followed by
qualifiers, a trailing return type or a constructor's initializer list).
Comments, strings and character literals are skipped. The exit status is 1
when a limit is exceeded, so the script can guard a build or a review.
"""

import argparse
import pathlib
import re
import sys

SOURCE_SUFFIXES = {".cpp", ".h", ".hpp", ".cc"}


def strip_comments_and_strings(text):
    """Text with comments, strings and character literals blanked out (newlines
    kept, so line numbers stay valid)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "R" and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            if not m:
                out.append(c)
                i += 1
                continue
            end = text.find(")" + m.group(1) + '"', i)
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum():  # digit separator
                out.append(" ")
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(" " * (min(j + 1, n) - i))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


SIGNATURE_END = re.compile(
    r"\)\s*(const|noexcept|override|final|mutable|&|&&|\s)*"
    r"(->\s*[^{;]+)?\s*$|\)\s*:\s*[^;{}]*(\{[^{}]*\}[^;{}]*)*$", re.S)
NAME_BEFORE_PARENS = re.compile(r"([~\w:<>]+)\s*\($")


def function_name(header):
    """The name before the parameter list of a definition's header."""
    depth = 0
    for k in range(len(header) - 1, -1, -1):
        ch = header[k]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth -= 1
            if depth == 0:
                m = NAME_BEFORE_PARENS.search(header[: k + 1])
                if m and m.group(1) not in {"if", "for", "while", "switch", "catch"}:
                    # Keep going left over a constructor's initializer list.
                    rest = header[:k].rstrip()
                    if rest.endswith(")") or re.search(r"[:,]\s*\w+$", rest) and ":" in rest:
                        pass
                    return m.group(1)
    return None


def functions(path):
    text = strip_comments_and_strings(path.read_text(errors="replace"))
    line_of = [0] * (len(text) + 1)
    line = 1
    for i, ch in enumerate(text):
        line_of[i] = line
        if ch == "\n":
            line += 1
    results = []
    # Stack of (kind, start index); kind is "scope" (namespace, class, extern,
    # enum or initializer) or "function".
    stack = []
    last_boundary = 0
    for i, ch in enumerate(text):
        if ch == "{":
            inside_function = any(kind == "function" for kind, _, _ in stack)
            header = text[last_boundary:i]
            if not inside_function and SIGNATURE_END.search(header.rstrip() + " ") and "(" in header:
                name = first_name(header)
                stack.append(("function", i, name))
            else:
                stack.append(("scope", i, None))
            last_boundary = i + 1
        elif ch == "}":
            if stack:
                kind, start, name = stack.pop()
                if kind == "function" and name:
                    results.append((line_of[i] - line_of[start] + 1, name, line_of[start]))
            last_boundary = i + 1
        elif ch == ";":
            last_boundary = i + 1
    return results


def first_name(header):
    """The declarator name of a definition: the name before its first
    top-level '(' (a constructor's initializer list comes after it)."""
    header = re.sub(r"\s+", " ", header.strip())
    # Drop template heads and access specifiers.
    header = re.sub(r"^(public|private|protected)\s*:", "", header).strip()
    depth = 0
    for k, ch in enumerate(header):
        if ch == "<":
            depth += 1
        elif ch == ">" and depth:
            depth -= 1
        elif ch == "(" and depth == 0:
            m = re.search(r"([~\w:]+(?:<[^()]*>)?(?:::[~\w]+)*|operator\s*\S+)\s*$", header[:k])
            if m:
                name = m.group(1)
                if name.split("::")[-1] in {"if", "for", "while", "switch", "catch", "return", "sizeof", "decltype"}:
                    return None
                return name
            return None
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=["checks"], help="folders or files (default: checks)")
    parser.add_argument("--top", type=int, default=10, help="how many files and functions to print")
    parser.add_argument("--max-file-lines", type=int, default=600)
    parser.add_argument("--max-function-lines", type=int, default=120)
    args = parser.parse_args()

    files = []
    for p in map(pathlib.Path, args.paths):
        files += sorted(f for f in p.rglob("*") if f.suffix in SOURCE_SUFFIXES) if p.is_dir() else [p]

    sizes = sorted(((len(f.read_text(errors="replace").splitlines()), f) for f in files), reverse=True)
    funcs = sorted(((n, f"{f}:{line}", name) for f in files for n, name, line in functions(f)), reverse=True)

    print(f"largest files (limit {args.max_file_lines} lines):")
    for n, f in sizes[: args.top]:
        print(f"  {n:5d}  {f}{'  OVER' if n > args.max_file_lines else ''}")
    print(f"largest functions (limit {args.max_function_lines} lines):")
    for n, where, name in funcs[: args.top]:
        print(f"  {n:5d}  {where}  {name}{'  OVER' if n > args.max_function_lines else ''}")
    over = sum(n > args.max_file_lines for n, _ in sizes) + sum(n > args.max_function_lines for n, _, _ in funcs)
    print(f"{over} over the limits")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
