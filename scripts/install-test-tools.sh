#!/usr/bin/env bash
# Installs the test tools that come from npm rather than Debian: Microsoft's
# SARIF multitool, which validates async-lint's SARIF output. Without npm the
# SARIF validation test is reported as unsupported.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools=${1:-$root/build/tools}
version=5.7.0
binary="$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [[ -x "$binary" ]]; then
  exit 0
fi
if ! command -v npm > /dev/null; then
  echo "npm not found: the SARIF validation test will be skipped" >&2
  exit 0
fi
mkdir -p "$tools"
npm install --prefix "$tools" --no-audit --no-fund --silent \
  "@microsoft/sarif-multitool@$version"
# npm no longer runs the package's own install script, which does this.
chmod u+x "$binary"
