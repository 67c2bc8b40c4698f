#!/usr/bin/env bash
# The LLVM 22 leg: builds async-lint and its plugin against LLVM 22 in
# BUILD_DIR (default: build-22) and runs the lit suites of the checks, the
# plugin and the driver with LLVM 22's clang-tidy and FileCheck. The runtime,
# its validation and the catalog need nothing from LLVM: scripts/test.sh
# tests them once, in the LLVM 19 build.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build-22}
if [[ ! -f "$build/build.ninja" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DASYNC_LINT_LLVM_VERSION=22 \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build" -j "$(nproc)" --target async-lint async-lint-plugin
"$root/scripts/install-test-tools.sh" "$build/tools"
# lit runs each suite's tests in parallel.
ctest --test-dir "$build" --output-on-failure -R '^lit\.(checks|plugin|driver)$'
