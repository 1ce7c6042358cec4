#!/usr/bin/env bash
# Runs every sweep in scenarios/paper/ (or the ones named), timing each, and commits-to-be what
# docs/sweeps.md shows of it into results/reference/: the figure (paper-<name>.png) and the
# numbers its prose quotes (paper-<name>.csv by analysis/paper_study.py; for compute-frontier,
# compute-frontier.csv by analysis/frontier_study.py). Then analysis/docs_tables.py re-renders the
# generated text and tables of the docs from them. Each sweep's wall time and the models it trained
# (those the cache did not hold yet) go to results/reference/timings.csv, which
# scenarios/paper/README.md quotes: run it on an otherwise idle machine.
#   scripts/paper.sh [NAME...]      e.g. scripts/paper.sh tail-vs-rate deadline
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/timing.sh
declare -A shown=(
  [tail-vs-rate]=tail_vs_rate [varying-k]=tail_vs_k [background-load]=tail_vs_rate
  [deadline]=latency_accuracy [degraded-accuracy]=degraded_accuracy
  [compute-frontier]=accuracy_vs_compute
)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(tail-vs-rate varying-k background-load deadline
                                 degraded-accuracy compute-frontier)
models() { find cache/models -name '*.pt' 2>/dev/null | wc -l; }  # trained models in the cache
for name in "${names[@]}"; do
  before=$(models)
  # A whole sweep, its folder cleared first, not a resumed one: its time is what a user waits.
  seconds=$(seconds_from_scratch "results/$name" ./build/coinsim sweep "scenarios/paper/$name.json")
  echo "$name: $seconds s" >&2
  record_times "paper-$name" "$(( $(models) - before )) models" "$seconds"
  cp "results/$name/${shown[$name]}.png" "results/reference/paper-$name.png"
  if [ "$name" = compute-frontier ]; then
    /usr/bin/python3 analysis/frontier_study.py "results/$name" \
      results/reference/compute-frontier.csv > /dev/null
  else
    /usr/bin/python3 analysis/paper_study.py "results/$name" "results/reference/paper-$name.csv"
  fi
done
/usr/bin/python3 analysis/docs_tables.py
