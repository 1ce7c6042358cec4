#!/usr/bin/env bash
# clang-tidy with the committed .clang-tidy over sim/ and coin/ (and the folders they use),
# from build/compile_commands.json. Prints the warnings; exits non-zero if there are any.
# The LibTorch sources (coin/models/, coin/accuracy_stage.cpp) take ~20 s each to parse: the
# whole run takes about 6 minutes;
# --without-torch (what CI runs) checks sim/ and the LibTorch-free part of coin/ in about one.
#   scripts/tidy.sh [--without-torch | FILE...]      (default: every .cpp in sim/, coin/, common/)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/compile_commands.json ] || bash scripts/build.sh
files=("$@")
if [ "${1:-}" = "--without-torch" ]; then
  # the folders that never include LibTorch (coin/CMakeLists.txt)
  files=(sim/*.cpp coin/coding/*.cpp coin/data/*.cpp common/*.cpp)
fi
[ ${#files[@]} -gt 0 ] || files=(sim/*.cpp coin/*.cpp coin/*/*.cpp common/*.cpp)
warnings=$(run-clang-tidy -quiet -p build -j "${COINSIM_JOBS:-2}" "${files[@]}" 2>/dev/null |
           grep -E "^/.*: warning: " | sort -u || true)
if [ -n "$warnings" ]; then
  echo "$warnings"
  exit 1
fi
echo "clang-tidy: no warnings in ${#files[@]} files"
