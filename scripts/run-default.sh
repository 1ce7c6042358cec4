#!/usr/bin/env bash
# README command 1: set everything up, build, and run the default scenario end to end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
./build/coinsim run scenarios/default.json
