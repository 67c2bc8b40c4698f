#!/usr/bin/env bash
# A throwaway git repository that uses this checkout's pre-commit hook: a
# commit that adds a blocking call in a coroutine is refused with the finding
# printed; a clean commit passes.
# usage: pre-commit.sh SOURCE_ROOT ASYNC_LINT INPUTS WORK_DIR
set -uo pipefail
source_root=$1 async_lint=$2 inputs=$3 work=$4
rm -rf "$work" && mkdir -p "$work/bin" "$work/repo"
ln -s "$async_lint" "$work/bin/async-lint"
export PATH="$work/bin:$PATH" PRE_COMMIT_HOME="$work/cache"
export GIT_CONFIG_GLOBAL="$work/gitconfig"
git config --global user.email test@example.org
git config --global user.name test
git config --global init.defaultBranch main
cd "$work/repo" && git init -q .
rev=$(git -C "$source_root" rev-parse HEAD)
cat > .pre-commit-config.yaml <<CONFIG
repos:
  - repo: $source_root
    rev: $rev
    hooks:
      - id: async-lint
CONFIG
cat > compile_commands.json <<JSON
[{"directory": "$work/repo", "file": "$work/repo/service.cpp",
  "command": "clang++ -std=c++20 -I$inputs -c service.cpp"}]
JSON
pre-commit install > /dev/null
git add .pre-commit-config.yaml compile_commands.json

cat > service.cpp <<'CPP'
#include "demo_task.h"
demo::task<int> handler() { co_return 1; }
CPP
git add service.cpp
if git commit -qm clean > clean.log 2>&1; then
  echo "clean commit: accepted"
else
  echo "clean commit: refused"; cat clean.log
fi

cat > service.cpp <<'CPP'
#include "demo_task.h"
#include <unistd.h>
demo::task<int> handler() {
  sleep(1);
  co_return 1;
}
CPP
git add service.cpp
if git commit -qm blocking > blocking.log 2>&1; then
  echo "blocking commit: accepted"
else
  echo "blocking commit: refused"
fi
cat blocking.log
