#!/usr/bin/env bash
# The sanitizer and fuzzing stage of CI. Builds everything that does not need LibTorch (sim/, the
# coding library, the scenario parser, coinsim-simulate and their tests) with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer into build-sanitize/, runs those tests, then
# fuzzes the scenario and sweep parsers for FUZZ_SECONDS (default 60) starting from the
# committed corpus tests/fuzz/corpus/ (new inputs go to a temporary folder, not the corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR="$PWD"  # a fresh clone elsewhere still hits the compiler cache:
export CCACHE_NOHASHDIR=1     # with -g ccache would hash the build folder's path, so no clone hits
bash scripts/setup.sh
[ -f build-sanitize/build.ninja ] ||
  CXX=clang++ cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCOINSIM_WITH_TORCH=OFF -DCOINSIM_SANITIZE=ON -DCOINSIM_FUZZ=ON > /dev/null
cmake --build build-sanitize -j "${COINSIM_JOBS:-2}"
# The random scenarios (200 in the main build) look for memory errors here: 50 are enough.
(cd build-sanitize && COINSIM_RANDOM_SCENARIOS=50 ctest -j 2 --output-on-failure)

found=$(mktemp -d)
trap 'rm -rf "$found"' EXIT
build-sanitize/tests/fuzz/scenario_fuzz -max_total_time="${FUZZ_SECONDS:-60}" -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 "$found" tests/fuzz/corpus 2>&1 | tail -12
