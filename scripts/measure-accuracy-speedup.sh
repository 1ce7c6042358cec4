#!/usr/bin/env bash
# How the accuracy stages of a sweep spread over MPI ranks: wall time of
# tests/bench/accuracy_speedup.json (4 seeds of the default models, COIN and averaging, 1 LibTorch
# thread each, no simulation) from a cold cache, run alone and under mpirun with 2 ranks; RUNS
# rounds (default 3), the two alternated. Records every run in results/reference/timings.csv
# (accuracy-one-process, accuracy-mpi-2), which docs/performance.md quotes.
#   scripts/measure-accuracy-speedup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/timing.sh
runs="${1:-3}"
sweep=tests/bench/accuracy_speedup.json
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

results=results/accuracy-speedup  # its cache too: every run trains
one=() mpi=()
for round in $(seq "$runs"); do
  time_into one "$results" ./build/coinsim sweep "$sweep" --no-plot
  time_into mpi "$results" \
    mpirun -np 2 --oversubscribe ./build/coinsim sweep "$sweep" --no-plot --jobs 1
  echo "round $round: one process ${one[-1]} s, mpirun -np 2 ${mpi[-1]} s" >&2
done
what="tests/bench/accuracy_speedup.json from a cold cache, --no-plot"
record_times accuracy-one-process "$what" "${one[@]}"
record_times accuracy-mpi-2 "$what" "${mpi[@]}"
