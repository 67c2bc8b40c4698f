#!/usr/bin/env python3
"""Validates the CI integrations that docs/ci.md documents.

usage: validate_ci.py action ACTION.yml
       validate_ci.py gitlab CI.md

`action` checks a composite action against GitHub's action metadata fields:
name and description; each input has a description and at most `required`,
`default` and `deprecationMessage`; each output a description and a value;
runs.using is composite; each step either runs a script (`run` with `shell`)
or uses an action (`uses`); every `inputs.X` and `steps.Y` an expression
names is declared. `gitlab` checks the first YAML block under "## GitLab CI"
in a Markdown page: valid YAML, each job has a `script:` of strings that runs
async-lint with SARIF output, and a code quality report that the script
writes. Every problem is printed as FILE:LINE: message; exit code 1 if any.
"""

import difflib
import re
import sys

import yaml

ACTION_KEYS = {"name", "description", "author", "inputs", "outputs", "runs",
               "branding"}
INPUT_KEYS = {"description", "required", "default", "deprecationMessage"}
OUTPUT_KEYS = {"description", "value"}
RUNS_KEYS = {"using", "steps"}
STEP_KEYS = {"id", "if", "name", "env", "working-directory", "shell", "run",
             "uses", "with", "continue-on-error"}
ID_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
INPUT_REFERENCE = re.compile(r"\binputs\.([A-Za-z0-9_-]+)")
STEP_REFERENCE = re.compile(r"\bsteps\.([A-Za-z0-9_-]+)")


class LineLoader(yaml.SafeLoader):
    """Records the line of every mapping, for messages."""


def _mapping_with_line(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    return LineDict(mapping, node.start_mark.line + 1)


class LineDict(dict):
    def __init__(self, mapping, line):
        super().__init__(mapping)
        self.line = line


LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


class Problems:
    def __init__(self, path, first_line=1):
        self.path = path
        # A YAML block inside a page: its lines are counted from first_line.
        self.shift = first_line - 1
        self.messages = []

    def add(self, node, message):
        line = getattr(node, "line", 1) + self.shift
        self.messages.append(f"{self.path}:{line}: {message}")


def did_you_mean(word, choices):
    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def check_keys(problems, node, allowed, what):
    for key in node:
        if key not in allowed:
            problems.add(node, f"unknown key '{key}' in {what}"
                         + did_you_mean(key, allowed))


def expressions(value):
    """Every ${{ }} expression in a value, however deeply nested."""
    if isinstance(value, str):
        return EXPRESSION.findall(value)
    if isinstance(value, dict):
        return [e for v in value.values() for e in expressions(v)]
    if isinstance(value, list):
        return [e for v in value for e in expressions(v)]
    return []


def check_references(problems, node, text, inputs, step_ids):
    for name in INPUT_REFERENCE.findall(text):
        if name not in inputs:
            problems.add(node, f"'inputs.{name}' is not a declared input"
                         + did_you_mean(name, inputs))
    for name in STEP_REFERENCE.findall(text):
        if name not in step_ids:
            problems.add(node, f"'steps.{name}' names no step id"
                         + did_you_mean(name, step_ids))


def check_action(path):
    problems = Problems(path)
    with open(path, encoding="utf-8") as file:
        action = yaml.load(file, Loader=LineLoader)
    if not isinstance(action, dict):
        problems.add(None, "an action's metadata is a mapping")
        return problems.messages
    check_keys(problems, action, ACTION_KEYS, "the action")
    for key in ("name", "description"):
        if not isinstance(action.get(key), str) or not action[key].strip():
            problems.add(action, f"the action needs a non-empty '{key}'")

    inputs = action.get("inputs") or {}
    for name, spec in inputs.items():
        if not ID_PATTERN.match(name):
            problems.add(inputs, f"input id '{name}' is not a valid id")
        if not isinstance(spec, dict):
            problems.add(inputs, f"input '{name}' must be a mapping")
            continue
        check_keys(problems, spec, INPUT_KEYS, f"input '{name}'")
        if not isinstance(spec.get("description"), str):
            problems.add(spec, f"input '{name}' needs a description")
        if "required" in spec and not isinstance(spec["required"], bool):
            problems.add(spec, f"'required' of input '{name}' must be "
                         "true or false")
        if "default" in spec and not isinstance(spec["default"], str):
            problems.add(spec, f"'default' of input '{name}' must be a "
                         "string (quote it)")

    runs = action.get("runs")
    if not isinstance(runs, dict):
        problems.add(action, "the action needs 'runs'")
        return problems.messages
    check_keys(problems, runs, RUNS_KEYS, "'runs'")
    if runs.get("using") != "composite":
        problems.add(runs, f"runs.using must be 'composite', not "
                     f"'{runs.get('using')}'")
    steps = runs.get("steps")
    if not isinstance(steps, list) or not steps:
        problems.add(runs, "a composite action needs a list of steps")
        steps = []
    step_ids = {s["id"] for s in steps if isinstance(s, dict) and "id" in s}

    for step in steps:
        if not isinstance(step, dict):
            problems.add(runs, "each step must be a mapping")
            continue
        label = f"step '{step.get('name', step.get('id', '?'))}'"
        check_keys(problems, step, STEP_KEYS, label)
        if "run" in step and "uses" in step:
            problems.add(step, f"{label} has both 'run' and 'uses'")
        elif "run" in step:
            if "shell" not in step:
                problems.add(step, f"{label} has 'run' but no 'shell' (a "
                             "composite action's run steps must name one)")
            if "with" in step:
                problems.add(step, f"{label}: 'with' goes with 'uses'")
        elif "uses" not in step:
            problems.add(step, f"{label} needs 'run' (with 'shell') or "
                         "'uses'")
        texts = expressions(step)
        # `if:` is an expression even without ${{ }}.
        if isinstance(step.get("if"), str):
            texts.append(step["if"])
        for text in texts:
            check_references(problems, step, text, inputs, step_ids)

    outputs = action.get("outputs") or {}
    for name, spec in outputs.items():
        if not isinstance(spec, dict):
            problems.add(outputs, f"output '{name}' must be a mapping")
            continue
        check_keys(problems, spec, OUTPUT_KEYS, f"output '{name}'")
        for key in ("description", "value"):
            if not isinstance(spec.get(key), str):
                problems.add(spec, f"output '{name}' needs a '{key}'")
        for text in expressions(spec):
            check_references(problems, spec, text, inputs, step_ids)
    return problems.messages


GITLAB_RESERVED = {"default", "include", "stages", "variables", "workflow",
                   "image", "services", "cache", "before_script",
                   "after_script"}


def gitlab_snippet(path):
    """The first ```yaml block under the '## GitLab CI' heading, and the
    line it starts on."""
    with open(path, encoding="utf-8") as file:
        lines = file.read().split("\n")
    in_section = False
    for number, line in enumerate(lines):
        if line.startswith("## "):
            in_section = line.strip() == "## GitLab CI"
        elif in_section and line.strip() == "```yaml":
            end = lines.index("```", number + 1)
            return "\n".join(lines[number + 1:end]), number + 2
    return None, 0


def check_gitlab(path):
    text, first_line = gitlab_snippet(path)
    if text is None:
        return [f"{path}:1: no ```yaml block under '## GitLab CI'"]
    try:
        document = yaml.load(text, Loader=LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark else first_line
        return [f"{path}:{line}: invalid YAML: {error}"]
    if not isinstance(document, dict):
        return [f"{path}:{first_line}: a .gitlab-ci.yml is a mapping of jobs"]
    problems = Problems(path, first_line)
    jobs = {name: job for name, job in document.items()
            if name not in GITLAB_RESERVED and not name.startswith(".")}
    if not jobs:
        problems.add(document, "the snippet defines no job")
    for name, job in jobs.items():
        script = job.get("script") if isinstance(job, dict) else None
        if not isinstance(script, list) or not script or \
                not all(isinstance(s, str) for s in script):
            problems.add(job, f"job '{name}' needs a 'script:' list "
                         "of commands")
            continue
        commands = "\n".join(script)
        if not re.search(r"async-lint\s+-p\s+\S+\s+--format=sarif\s+"
                         r"--output=\S+", commands):
            problems.add(job, f"job '{name}' does not run "
                         "'async-lint -p DIR --format=sarif --output=FILE'")
        reports = (job.get("artifacts") or {}).get("reports") or {}
        report = reports.get("codequality")
        if not report:
            problems.add(job, f"job '{name}' has no "
                         "artifacts:reports:codequality")
        elif report not in commands:
            problems.add(reports, f"job '{name}': the script never "
                         f"writes its code quality report '{report}'")
    return problems.messages


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("action", "gitlab"):
        sys.exit(__doc__.strip().splitlines()[2])
    check = check_action if sys.argv[1] == "action" else check_gitlab
    messages = check(sys.argv[2])
    for message in messages:
        print(message)
    sys.exit(1 if messages else 0)


if __name__ == "__main__":
    main()
