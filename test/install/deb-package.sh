#!/usr/bin/env bash
# Builds the Debian packages of this build with cpack, checks what they
# declare and hold, unpacks them into a fresh root (dpkg-deb -x: no root
# rights, no real installation) and runs the unpacked driver and plugin on
# the README's example, against the unpacked aio headers. The LLVM version
# is the build's: an LLVM 22 build makes async-lint-llvm22, which depends on
# LLVM 22's packages and loads into clang-tidy-22.
# Usage: deb-package.sh BUILD_DIR SOURCE_DIR WORK_DIR CLANG_TIDY
set -euo pipefail
# A command that fails outside fail() says where, rather than ending the test
# without a word.
trap 'echo "error: $(basename "$0"):$LINENO: \`$BASH_COMMAND\` failed" >&2' ERR
build=$1 source=$2 work=$3 clang_tidy=$4
fail() { echo "error: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
cd "$work"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work" > cpack.log ||
  { cat cpack.log; fail "cpack failed"; }
cpack_setting() { sed -n "s/^set($1 \"\\(.*\\)\")$/\\1/p" "$build/CPackConfig.cmake"; }
version=$(cpack_setting CPACK_PACKAGE_VERSION)
lint_name=$(cpack_setting CPACK_DEBIAN_LINT_PACKAGE_NAME)
llvm_major=$("$clang_tidy" --version | sed -n 's/.*LLVM version \([0-9]*\).*/\1/p')
expected_name=async-lint
[[ $llvm_major == 19 ]] || expected_name=async-lint-llvm$llvm_major
[[ $lint_name == "$expected_name" ]] ||
  fail "an LLVM $llvm_major build names its package $lint_name, not $expected_name"
lint_deb=$(echo "$lint_name"_"$version"_*.deb)
aio_deb=$(echo aio-dev_"$version"_*.deb)
[[ -f $lint_deb && -f $aio_deb ]] || fail "expected $lint_name and aio-dev packages of version $version, got: $(ls ./*.deb)"

# What a clean Debian 12 needs for each.
field() { dpkg-deb -f "$1" "$2"; }
# The package names in Depends, one a line.
depends=$(field "$lint_deb" Depends | tr ',|' '\n\n' | awk '{ print $1 }')
for package in "libllvm$llvm_major" "libclang-cpp$llvm_major" libyaml-cpp0.7 \
  "libclang-common-$llvm_major-dev" "clang-tidy-$llvm_major"; do
  grep -qxF "$package" <<< "$depends" ||
    fail "$lint_deb does not depend on $package: $(field "$lint_deb" Depends)"
done
grep -q "libgcc-12-dev" <<< "$(field "$aio_deb" Depends)" ||
  fail "$aio_deb does not depend on libgcc-12-dev (libbacktrace)"
if [[ $llvm_major != 19 ]]; then
  for field_name in Conflicts Replaces; do
    [[ $(field "$lint_deb" "$field_name") == async-lint ]] ||
      fail "$lint_deb's $field_name is not async-lint"
  done
fi
echo "$lint_name $(field "$lint_deb" Version) Depends: $(field "$lint_deb" Depends)"
echo "aio-dev $(field "$aio_deb" Version) Depends: $(field "$aio_deb" Depends)"

# The files each must hold.
expect_files() {
  local deb=$1; shift
  dpkg-deb -c "$deb" | awk '{print $6}' > "$deb.files"
  for file in "$@"; do
    grep -qx "$file" "$deb.files" || fail "$deb has no $file"
  done
}
expect_files "$lint_deb" ./usr/bin/async-lint \
  ./usr/lib/async-lint/async-lint-plugin.so ./usr/lib/async-lint/async-lint-checks.so \
  ./usr/share/man/man1/async-lint.1 ./usr/share/doc/async-lint/README.md \
  ./usr/share/doc/async-lint/plugin.md ./usr/share/doc/async-lint/checks/async-blocking-call.md
expect_files "$aio_deb" ./usr/include/aio/aio.hpp ./usr/include/aio/detail/task_state.hpp \
  ./usr/lib/libaio.a ./usr/lib/libaio_blockdetect.so ./usr/lib/cmake/aio/aioConfig.cmake \
  ./usr/lib/cmake/aio/aioTargets.cmake ./usr/lib/pkgconfig/aio.pc
echo "files: $(wc -l < "$lint_deb.files") in async-lint, $(wc -l < "$aio_deb.files") in aio-dev"

root=$work/root
dpkg-deb -x "$lint_deb" "$root"
dpkg-deb -x "$aio_deb" "$root"
driver=$root/usr/bin/async-lint
# An installed program must not look for libraries in the build tree.
dynamic=$(readelf -d "$driver" "$root"/usr/lib/async-lint/*.so)
if grep -q "R.*PATH" <<< "$dynamic"; then
  fail "an installed binary keeps a run path: $(grep PATH <<< "$dynamic")"
fi
# Every library they link directly is a declared dependency's.
for library in $(sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p' <<< "$dynamic" | sort -u); do
  # awk reads to the end: leaving early would break ldconfig's pipe, which
  # pipefail turns into a silent exit of this script.
  path=$(ldconfig -p | awk -v name="$library" '$1 == name && !found { print $NF; found = 1 }')
  [[ -n $path ]] || fail "$library, which the installed binaries need, is not installed here"
  owner=$(dpkg -S "$path" 2> /dev/null || dpkg -S "/usr$path" 2> /dev/null ||
    dpkg -S "${path#/usr}" 2> /dev/null) || fail "no package owns $path"
  owner=${owner%%:*}
  grep -qxF "$owner" <<< "$depends" ||
    fail "the installed binaries link $library from $owner, which $lint_name does not depend on"
done
grep -q "^async-lint $version " <<< "$("$driver" --version)" ||
  fail "async-lint --version is not $version"

example=$source/examples/sensor_service.cpp
flags=(-std=c++20 -I"$root/usr/include")
expect_findings() {
  local what=$1 output=$2
  for finding in \
    "sensor_service.cpp:26:17: warning: construction of 'std::ifstream' blocks the event loop thread in coroutine 'load_settings' (file I/O)" \
    "sensor_service.cpp:47:5: warning: call to 'std::this_thread::sleep_for' blocks the event loop thread in coroutine 'sample_slowly' (sleep)"; do
    grep -qF "$finding" <<< "$output" || fail "$what did not report: $finding"$'\n'"$output"
  done
  echo "$what: $(grep -c ': warning: ' <<< "$output") findings"
}

status=0
output=$(cd "$work" && "$driver" --color=never "$example" -- "${flags[@]}" 2>&1) || status=$?
[[ $status -eq 1 ]] || fail "the installed driver exited $status, not 1 (findings):"$'\n'"$output"
expect_findings "installed async-lint" "$output"
grep -q "^async-lint: 3 findings in 1 file" <<< "$output" ||
  fail "the installed driver's summary is not '3 findings in 1 file'"$'\n'"$output"

output=$("$clang_tidy" --load="$root/usr/lib/async-lint/async-lint-plugin.so" \
  --checks='-*,async-*' "$example" -- "${flags[@]}" 2>&1) ||
  fail "clang-tidy with the installed plugin failed:"$'\n'"$output"
expect_findings "clang-tidy --load installed plugin" "$output"

# --explain names the installed page.
page=$root/usr/share/doc/async-lint/checks/async-blocking-call.md
grep -qxF "Documentation: $page" <<< "$("$driver" --explain=async-blocking-call)" ||
  fail "--explain does not name the installed page $page"

# The man page is valid roff and names every check.
man_page=$root/usr/share/man/man1/async-lint.1
if command -v groff > /dev/null; then
  warnings=$(groff -man -Tutf8 -ww -z "$man_page" 2>&1)
  [[ -z $warnings ]] || fail "groff warns about async-lint.1:"$'\n'"$warnings"
fi
for check in $("$driver" --list-checks --checks='async-*' | awk '{print $1}'); do
  grep -qxF "$(sed 's/-/\\-/g' <<< "$check"):" <(cut -d' ' -f1 "$man_page") ||
    fail "async-lint.1 does not describe $check"
done
echo "packages built, unpacked and run from $root"
