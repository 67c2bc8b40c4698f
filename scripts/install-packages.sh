#!/usr/bin/env bash
# Installs the Debian packages in scripts/packages.txt (as root, or with sudo);
# with `--llvm 22`, those of scripts/packages-22.txt, for building against
# LLVM 22 (LLVM 19's are packages.txt itself); or those of the list file given
# as the only argument.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
list="$here/packages.txt"
if [[ $# -eq 1 && $1 != --* ]]; then
  list=$1
elif [[ $# -gt 0 ]]; then
  if [[ $# -ne 2 || $1 != --llvm ]]; then
    echo "usage: $0 [--llvm 19|22 | LIST-FILE]" >&2
    exit 2
  fi
  [[ $2 != 19 ]] && list="$here/packages-$2.txt"
  if [[ ! -f $list ]]; then
    echo "$0: error: LLVM $2 is not supported (no $list); use 19 or 22" >&2
    exit 2
  fi
fi
mapfile -t packages < <(grep -v '^\s*#' "$list" | grep -v '^\s*$')
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "All ${#packages[@]} packages are installed."
  exit 0
fi
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
