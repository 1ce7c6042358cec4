#!/usr/bin/env bash
# Wall time of `./build/coinsim run scenarios/default.json`, cold (an empty model cache: trains the
# task models and backups, builds the coded models, scores, simulates, plots) and warm (every model
# and table cached), RUNS runs each (default 3), in a scratch folder so the repository's own cache
# and results stay as they are. Records the medians in results/reference/timings.csv, which the
# docs quote (analysis/timings.py). Run it on an otherwise idle machine.
#   scripts/measure-default-run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/timing.sh
runs="${1:-3}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
run() {  # ARRAY: the wall seconds of one default run (scratch cache, fresh results) into ARRAY
  time_into "$1" "$scratch/results" ./build/coinsim run scenarios/default.json \
    --set "/output/cache=$scratch/cache" --set "/output/dir=$scratch/results"
}
cold=() warm=()
for _ in $(seq "$runs"); do
  rm -rf "$scratch/cache"
  run cold
  echo "cold: ${cold[-1]} s" >&2
done
for _ in $(seq "$runs"); do
  run warm
  echo "warm: ${warm[-1]} s" >&2
done
record_times default-run-cold "training 2 task models and 2 backups, Fisher, scoring, 4 simulations, \
figures" "${cold[@]}"
record_times default-run-warm "every model and table cached: simulations and figures" "${warm[@]}"
