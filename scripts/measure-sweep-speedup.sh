#!/usr/bin/env bash
# How a sweep scales: wall time of tests/bench/sweep_speedup.json (16 points x 2 strategies x
# 20,000 queries, the models already in the cache) with --jobs 1, with --jobs 2, and under
# mpirun with 2 ranks of --jobs 1; median of RUNS runs each (default 3), and the speed-ups.
# Tables only (--no-plot): the figures are one serial Python step at the end.
#   scripts/measure-sweep-speedup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/timing.sh
runs="${1:-3}"
sweep=tests/bench/sweep_speedup.json
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

./build/coinsim sweep "$sweep" --no-plot > /dev/null  # trains once, if the cache is cold

results=results/sweep-speedup
one=$(median_seconds "$runs" "$results" ./build/coinsim sweep "$sweep" --no-plot --jobs 1)
two=$(median_seconds "$runs" "$results" ./build/coinsim sweep "$sweep" --no-plot --jobs 2)
mpi=$(median_seconds "$runs" "$results" \
      mpirun -np 2 --oversubscribe ./build/coinsim sweep "$sweep" --no-plot --jobs 1)
echo "jobs 1:            $one s"
echo "jobs 2:            $two s   speed-up $(ratio "$one" "$two")"
echo "mpirun -np 2 (x1): $mpi s   speed-up $(ratio "$one" "$mpi")"
