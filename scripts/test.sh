#!/usr/bin/env bash
# README command 2: set everything up, build, and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
cd build && ctest -j 2 --output-on-failure
