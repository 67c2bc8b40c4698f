#!/usr/bin/env bash
# Runs every test: builds, runs ctest (lit suites for the checks, the driver
# and the plugin; unit tests; the runtime's tests), then the runtime under
# AddressSanitizer, UndefinedBehaviorSanitizer and ThreadSanitizer with its
# coverage figure.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
"$root/scripts/install-test-tools.sh" "$build/tools"
status=0
(cd "$build" && ctest --output-on-failure -j "$(nproc)") || status=1
if [[ -x "$root/runtime/scripts/check-sanitizers-and-coverage.sh" ]]; then
  "$root/runtime/scripts/check-sanitizers-and-coverage.sh" "$build/runtime-checks" || status=1
fi
exit $status
