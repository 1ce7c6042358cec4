#!/usr/bin/env bash
# A scenario over seeds 1-5, as docs/results.md and the README show it: one `coinsim run` per
# seed (results/<name>-seeds/seed-N/), then analysis/default_study.py ->
# results/reference/<name>-study.csv (committed) and the generated tables of the docs
# (analysis/docs_tables.py). The default scenario takes about 2 minutes on 2 cores, cold cache;
# scenarios/unreliable-cloud.json about 1 minute once the default's models are cached.
#   scripts/default-study.sh [SCENARIO.json]      (default: scenarios/default.json)
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-scenarios/default.json}
name=$(basename "$scenario" .json)
runs=()
for seed in 1 2 3 4 5; do
  out="results/$name-seeds/seed-$seed"
  start=$(date +%s)
  ./build/coinsim run "$scenario" --set "/seed=$seed" --set "/output/dir=$out" > /dev/null
  echo "$name seed $seed: $(( $(date +%s) - start )) s" >&2
  runs+=("$out")
done
/usr/bin/python3 analysis/default_study.py "results/reference/$name-study.csv" "${runs[@]}"
/usr/bin/python3 analysis/docs_tables.py
