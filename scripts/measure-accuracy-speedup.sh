#!/usr/bin/env bash
# How the accuracy stages of a sweep spread over MPI ranks: wall time of
# tests/bench/accuracy_speedup.json (4 seeds of the default models, COIN and averaging, 1 LibTorch
# thread each, no simulation) from a cold cache, run alone and under mpirun with 2 ranks;
# median of RUNS runs each (default 3), and the speed-up.
#   scripts/measure-accuracy-speedup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/timing.sh
runs="${1:-3}"
sweep=tests/bench/accuracy_speedup.json
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

results=results/accuracy-speedup  # its cache too: every run trains
one=$(median_seconds "$runs" "$results" ./build/coinsim sweep "$sweep" --no-plot)
mpi=$(median_seconds "$runs" "$results" \
      mpirun -np 2 --oversubscribe ./build/coinsim sweep "$sweep" --no-plot --jobs 1)
echo "one process:  $one s"
echo "mpirun -np 2: $mpi s   speed-up $(ratio "$one" "$mpi")"
