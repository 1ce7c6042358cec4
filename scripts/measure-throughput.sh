#!/usr/bin/env bash
# Simulator throughput: scenarios/throughput.json (5 servers, first 4 of 5 replies, 60% load,
# 100,000 queries, network modelled). Runs the scenario once to fill the cache, then times the
# simulation alone three times and prints wall seconds, queries per second and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
./build/coinsim run scenarios/throughput.json >/dev/null
table=$(sed -n 's/.*"output_table": "\(.*\)".*/\1/p' results/throughput/summary.json)
out=$(mktemp -d)
for run in 1 2 3; do
  /usr/bin/time -f "%e %M" -o "$out/time" ./build/coinsim-simulate scenarios/throughput.json \
      --strategy coin --table "$table" --queries-csv "$out/q.csv" --summary "$out/s.json"
  read -r seconds kilobytes < "$out/time"
  awk -v s="$seconds" -v m="$kilobytes" 'BEGIN { printf "run: %.2f s, %.0f queries/s, %.0f MB peak\n", s, 100000 / s, m / 1024 }'
done
rm -rf "$out"
