#!/usr/bin/env bash
# Builds the aio runtime on its own three times under BUILD_ROOT and runs its
# tests: AddressSanitizer + UndefinedBehaviorSanitizer (whole suite),
# ThreadSanitizer (thread-pool parts), and clang source-based coverage, whose
# line coverage of runtime/ must reach AIO_MIN_COVERAGE percent (default 92).
#
#   runtime/scripts/check-sanitizers-and-coverage.sh BUILD_ROOT
#
# Needs clang-19, llvm-profdata-19, llvm-cov-19, cmake, ninja, libgtest-dev.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 BUILD_ROOT" >&2
  exit 2
fi

root=$(mkdir -p "$1" && cd "$1" && pwd)
runtime_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
min_coverage=${AIO_MIN_COVERAGE:-92}
jobs=${AIO_JOBS:-2}
cxx=${CXX_FOR_AIO:-clang++-19}
cc=${CC_FOR_AIO:-clang-19}
profdata=${LLVM_PROFDATA:-llvm-profdata-19}
llvm_cov=${LLVM_COV:-llvm-cov-19}
start=$SECONDS

configure() { # build_dir build_type extra cmake args...
  local dir=$1 type=$2
  shift 2
  cmake -S "$runtime_dir" -B "$dir" -G Ninja \
    -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_BUILD_TYPE="$type" -DBUILD_TESTING=ON "$@" >/dev/null
}

step() { echo "== $* ($((SECONDS - start)) s)"; }

step "AddressSanitizer + UndefinedBehaviorSanitizer"
configure "$root/asan" Debug -DAIO_SANITIZE=address,undefined \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only"
ninja -C "$root/asan" -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:verify_asan_link_order=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$root/asan" -j "$jobs" --output-on-failure --timeout 300

step "ThreadSanitizer (thread pool, to_thread, file I/O)"
configure "$root/tsan" Debug -DAIO_SANITIZE=thread \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only"
ninja -C "$root/tsan" -j "$jobs" aio_pool_tests
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
  ctest --test-dir "$root/tsan" -j "$jobs" --output-on-failure --timeout 300 \
  -R '^runtime\.(ToThread|File)\.'

step "Coverage"
configure "$root/coverage" Debug -DAIO_COVERAGE=ON \
  -DCMAKE_CXX_FLAGS_DEBUG="-O0 -gline-tables-only"
ninja -C "$root/coverage" -j "$jobs"
rm -rf "$root/coverage/profiles"
mkdir -p "$root/coverage/profiles"
LLVM_PROFILE_FILE="$root/coverage/profiles/%p-%m.profraw" \
  ctest --test-dir "$root/coverage" -j "$jobs" --output-on-failure --timeout 300
"$profdata" merge -sparse -o "$root/coverage/aio.profdata" \
  "$root/coverage/profiles"/*.profraw
objects=(
  "$root/coverage/test/aio_tests"
  -object "$root/coverage/test/aio_pool_tests"
  -object "$root/coverage/test/aio_blockdetect_tests"
  -object "$root/coverage/test/aio_doc_examples"
  -object "$root/coverage/libaio_blockdetect.so"
)
"$llvm_cov" report "${objects[@]}" \
  -instr-profile="$root/coverage/aio.profdata" \
  "$runtime_dir/include" "$runtime_dir/src" | tee "$root/coverage/report.txt"
"$llvm_cov" show "${objects[@]}" \
  -instr-profile="$root/coverage/aio.profdata" -format=html \
  -output-dir="$root/coverage/html" "$runtime_dir/include" "$runtime_dir/src"

# TOTAL row: ... Lines  Missed Lines  Cover  ...; the line cover is the 3rd
# percentage on the row (regions, functions, lines).
line_cover=$(awk '/^TOTAL/ { n = 0; for (i = 1; i <= NF; i++) if ($i ~ /%$/) { n++; if (n == 3) { sub(/%/, "", $i); print $i } } }' \
  "$root/coverage/report.txt")
step "done"
echo "runtime line coverage: ${line_cover}% (minimum ${min_coverage}%)"
echo "HTML report: $root/coverage/html/index.html"
if awk -v c="$line_cover" -v m="$min_coverage" 'BEGIN { exit !(c + 0 < m + 0) }'; then
  echo "FAIL: line coverage below ${min_coverage}%" >&2
  exit 1
fi
