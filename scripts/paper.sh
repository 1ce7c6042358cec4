#!/usr/bin/env bash
# Runs every sweep in scenarios/paper/ (or the ones named) and copies the figure docs/sweeps.md shows
# of each into results/reference/, timing each sweep.
#   scripts/paper.sh [NAME...]      e.g. scripts/paper.sh tail-vs-rate deadline
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A shown=(
  [tail-vs-rate]=tail_vs_rate [varying-k]=tail_vs_k [background-load]=tail_vs_rate
  [deadline]=latency_accuracy [degraded-accuracy]=degraded_accuracy
  [compute-frontier]=accuracy_vs_compute
)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(tail-vs-rate varying-k background-load deadline
                                 degraded-accuracy compute-frontier)
for name in "${names[@]}"; do
  start=$(date +%s)
  ./build/coinsim sweep "scenarios/paper/$name.json" > /dev/null
  echo "$name: $(( $(date +%s) - start )) s" >&2
  cp "results/$name/${shown[$name]}.png" "results/reference/paper-$name.png"
done
