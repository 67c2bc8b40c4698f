#!/usr/bin/env bash
# The LLVM 22 leg: builds async-lint and its plugin against LLVM 22 in
# BUILD_DIR (default: build-22) and runs the lit suites of the checks, the
# plugin, the driver and the real-code sweep with LLVM 22's clang-tidy and
# FileCheck, and builds, unpacks and runs its Debian package
# (async-lint-llvm22). The runtime, its validation and the catalog need
# nothing from LLVM: scripts/test.sh tests them once, in the LLVM 19 build.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build-22}
# ccache as in scripts/build.sh: the runtime's objects are the LLVM 19 build's.
launcher=()
if command -v ccache > /dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root} CCACHE_NOHASHDIR=true
fi
if [[ ! -f "$build/build.ninja" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DASYNC_LINT_LLVM_VERSION=22 \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}"
fi
# The packages hold the man page and aio (the runtime the sweep also lints).
cmake --build "$build" -j "$(nproc)" --target async-lint async-lint-plugin \
  async-lint-man-page aio aio_blockdetect
"$root/scripts/install-test-tools.sh" "$build/tools"
# lit runs each suite's tests in parallel.
ctest --test-dir "$build" --output-on-failure \
  -R '^(lit\.(checks|plugin|driver|sweep)|install\.DebPackages)$'
