#!/usr/bin/env bash
# How the accuracy stages of a sweep spread over MPI ranks: wall time of
# tests/bench/accuracy_speedup.json (4 seeds of the default models, COIN and averaging, 1 LibTorch
# thread each, no simulation) from a cold cache, run alone and under mpirun with 2 ranks;
# median of RUNS runs each (default 3), and the speed-up.
#   scripts/measure-accuracy-speedup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
sweep=tests/bench/accuracy_speedup.json
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

seconds_of() {  # the wall seconds of one run of a command, from no results and no cache
  rm -rf results/accuracy-speedup
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f\n", b - a}'
}

median_of() {  # median wall seconds of $runs runs
  local times=()
  for _ in $(seq "$runs"); do times+=("$(seconds_of "$@")"); done
  printf "%s\n" "${times[@]}" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'
}

one=$(median_of ./build/coinsim sweep "$sweep" --no-plot)
mpi=$(median_of mpirun -np 2 --oversubscribe ./build/coinsim sweep "$sweep" --no-plot --jobs 1)
echo "one process:  $one s"
echo "mpirun -np 2: $mpi s   speed-up $(awk -v a="$one" -v b="$mpi" 'BEGIN {printf "%.2f", a / b}')"
