#!/usr/bin/env bash
# How a sweep scales: wall time of tests/bench/sweep_speedup.json (16 points x 2 strategies x
# 20,000 queries, the models already in the cache) with --jobs 1, with --jobs 2, and under
# mpirun with 2 ranks of --jobs 1; median of RUNS runs each (default 3), and the speed-ups.
# Tables only (--no-plot): the figures are one serial Python step at the end.
#   scripts/measure-sweep-speedup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
sweep=tests/bench/sweep_speedup.json
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

./build/coinsim sweep "$sweep" --no-plot > /dev/null  # trains once, if the cache is cold

seconds_of() {  # the wall seconds of one run of a command, from no results at all
  rm -rf results/sweep-speedup
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

one=$(median_of ./build/coinsim sweep "$sweep" --no-plot --jobs 1)
two=$(median_of ./build/coinsim sweep "$sweep" --no-plot --jobs 2)
mpi=$(median_of mpirun -np 2 --oversubscribe ./build/coinsim sweep "$sweep" --no-plot --jobs 1)
echo "jobs 1:            $one s"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo "jobs 2:            $two s   speed-up $(ratio "$one" "$two")"
echo "mpirun -np 2 (x1): $mpi s   speed-up $(ratio "$one" "$mpi")"
