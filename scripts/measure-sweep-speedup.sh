#!/usr/bin/env bash
# How a sweep scales: wall time of tests/bench/sweep_speedup.json (16 points x 2 strategies x
# 20,000 queries, the models already in the cache) with --jobs 1, with --jobs 2, and under
# mpirun with 2 ranks of --jobs 1; RUNS rounds (default 3), the three runs alternated within a
# round so that a slow spell of a noisy machine hits them alike. Records every run in
# results/reference/timings.csv (sweep-jobs-1, sweep-jobs-2, sweep-mpi-2), which docs/performance.md
# quotes with the speed-ups of the medians. Tables only (--no-plot): the figures are one serial
# Python step at the end.
#   scripts/measure-sweep-speedup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/timing.sh
runs="${1:-3}"
sweep=tests/bench/sweep_speedup.json
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

./build/coinsim sweep "$sweep" --no-plot > /dev/null  # trains once, if the cache is cold

results=results/sweep-speedup
one=() two=() mpi=()
for round in $(seq "$runs"); do
  time_into one "$results" ./build/coinsim sweep "$sweep" --no-plot --jobs 1
  time_into two "$results" ./build/coinsim sweep "$sweep" --no-plot --jobs 2
  time_into mpi "$results" \
    mpirun -np 2 --oversubscribe ./build/coinsim sweep "$sweep" --no-plot --jobs 1
  echo "round $round: --jobs 1 ${one[-1]} s, --jobs 2 ${two[-1]} s," \
       "mpirun -np 2 ${mpi[-1]} s" >&2
done
what="tests/bench/sweep_speedup.json, models cached, --no-plot"
record_times sweep-jobs-1 "$what" "${one[@]}"
record_times sweep-jobs-2 "$what" "${two[@]}"
record_times sweep-mpi-2 "$what" "${mpi[@]}"
