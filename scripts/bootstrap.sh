#!/usr/bin/env bash
# From a fresh Debian 12 machine: install what is needed, build, and run
# async-lint on the bundled example (which has real findings).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/install-packages.sh"
"$root/scripts/build.sh"
build=${BUILD_DIR:-$root/build}
echo
echo "$ async-lint -p $build examples/sensor_service.cpp"
cd "$root"
# Findings make the exit code 1; that is the point of the example.
"$build/bin/async-lint" -p "$build" examples/sensor_service.cpp || status=$?
[[ ${status:-0} -le 1 ]]
