#!/usr/bin/env bash
# The default scenario over seeds 1-5, as docs/results.md and the README show it: one
# `coinsim run scenarios/default.json` per seed (results/default-seeds/seed-N/), then
# analysis/default_study.py -> results/reference/default-study.csv (committed) and the
# generated tables of the docs (analysis/docs_tables.py). About 2 minutes on 2 cores, cold cache.
#   scripts/default-study.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=()
for seed in 1 2 3 4 5; do
  out="results/default-seeds/seed-$seed"
  start=$(date +%s)
  ./build/coinsim run scenarios/default.json --set "/seed=$seed" --set "/output/dir=$out" \
    > /dev/null
  echo "seed $seed: $(( $(date +%s) - start )) s" >&2
  runs+=("$out")
done
/usr/bin/python3 analysis/default_study.py results/reference/default-study.csv "${runs[@]}"
/usr/bin/python3 analysis/docs_tables.py
