#!/usr/bin/env bash
# Throwaway git repositories whose compile_commands.json lives in build/, as
# CMake writes it, using this checkout's pre-commit hooks:
# - the default hook finds build/compile_commands.json by itself;
# - the changed-lines hook keeps reporting changed lines only when the user's
#   args (which replace the hook's own) add -p build.
# usage: pre-commit-build-dir.sh SOURCE_ROOT ASYNC_LINT INPUTS WORK_DIR
set -uo pipefail
source_root=$1 async_lint=$2 inputs=$3 work=$4
rm -rf "$work" && mkdir -p "$work/bin"
ln -s "$async_lint" "$work/bin/async-lint"
export PATH="$work/bin:$PATH" PRE_COMMIT_HOME="$work/cache"
export GIT_CONFIG_GLOBAL="$work/gitconfig"
git config --global user.email test@example.org
git config --global user.name test
git config --global init.defaultBranch main
rev=$(git -C "$source_root" rev-parse HEAD)

# new_repo DIR HOOK_LINES: a repository with build/compile_commands.json for
# service.cpp and the given hooks entry.
new_repo() {
  mkdir -p "$1/build" && cd "$1" && git init -q .
  printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n%s\n' \
    "$source_root" "$rev" "$2" > .pre-commit-config.yaml
  cat > build/compile_commands.json <<JSON
[{"directory": "$1/build", "file": "$1/service.cpp",
  "command": "clang++ -std=c++20 -I$inputs -c ../service.cpp"}]
JSON
  pre-commit install > /dev/null
  git add .pre-commit-config.yaml
}

# commit MESSAGE: commits what is staged and says whether the hook let it.
commit() {
  if git commit -qm "$1" > "$1.log" 2>&1; then
    echo "$1 commit: accepted"
  else
    echo "$1 commit: refused"; cat "$1.log"
  fi
}

new_repo "$work/default" '      - id: async-lint'
cat > service.cpp <<'CPP'
#include "demo_task.h"
demo::task<int> handler() { co_return 1; }
CPP
git add service.cpp
commit clean

new_repo "$work/changed" '      - id: async-lint-changed-lines
        args: [--quiet, -p, build]'
cat > service.cpp <<'CPP'
#include "demo_task.h"
#include <unistd.h>
demo::task<int> handler() {
  sleep(1);
  co_return 1;
}
CPP
git add service.cpp
git commit -qm 'old finding' --no-verify
sed -i '1i // Serves requests.' service.cpp
git add service.cpp
commit comment
sed -i 's/co_return 1;/usleep(1);\n  co_return 1;/' service.cpp
git add service.cpp
commit new-finding
