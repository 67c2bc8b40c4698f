#!/usr/bin/env bash
# Installs this build with `cmake --install --prefix` into a fresh directory,
# then builds test/install/consumer against it twice: with CMake's
# find_package(aio CONFIG) and with `pkg-config --cflags --libs aio`. Each
# program must link and print what aio computed.
# Usage: aio-consumer.sh BUILD_DIR WORK_DIR CXX_COMPILER
set -euo pipefail
# A command that fails outside fail() says where, rather than ending the test
# without a word.
trap 'echo "error: $(basename "$0"):$LINENO: \`$BASH_COMMAND\` failed" >&2' ERR
build=$1 work=$2 cxx=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
expected="installed aio says 42"

rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" > "$work/install.log"

echo "== find_package(aio CONFIG)"
cmake -S "$here/consumer" -B "$work/cmake-consumer" -G Ninja \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  > "$work/configure.log"
cmake --build "$work/cmake-consumer" > "$work/build.log"
# The headers must be the installed ones, not the source tree's.
if grep -q "runtime/include" "$work/cmake-consumer/compile_commands.json"; then
  echo "error: the consumer compiled against the source tree's headers" >&2
  exit 1
fi
output=$("$work/cmake-consumer/aio_consumer")
echo "$output"
[[ $output == "$expected" ]]

echo "== pkg-config aio"
pc_dir=$(dirname "$(find "$prefix" -name aio.pc)")
flags=$(PKG_CONFIG_PATH=$pc_dir pkg-config --cflags --libs aio)
echo "pkg-config --cflags --libs aio: $flags"
if [[ $flags != *"-I$prefix/"* ]]; then
  echo "error: aio.pc does not point into the installation: $flags" >&2
  exit 1
fi
# shellcheck disable=SC2086 # the flags are words
"$cxx" -std=c++20 "$here/consumer/main.cpp" $flags -o "$work/pkg-config-consumer"
output=$("$work/pkg-config-consumer")
echo "$output"
[[ $output == "$expected" ]]
echo "both consumers built against $prefix and ran"
