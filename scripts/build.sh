#!/usr/bin/env bash
# Configures (once) and builds coinsim into build/. Ninja, ccache and -j2 fit a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR="$PWD"  # a fresh clone elsewhere still hits the compiler cache:
export CCACHE_NOHASHDIR=1     # with -g ccache would hash the build folder's path, so no clone hits
[ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "${COINSIM_JOBS:-2}"
