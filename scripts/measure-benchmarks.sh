#!/usr/bin/env bash
# The Google Benchmark programs docs/performance.md quotes, RUNS repetitions each (default 3):
# tests/bench/simulator_bench (simulator throughput and memory) and tests/bench/fisher_bench (the
# exact Fisher, batched against the per-sample loop). Their JSON reports, medians and spread, go to
# results/reference/{simulator,fisher}-bench.json with the machine and revision; then the docs'
# tables are rendered again from them (analysis/benchmarks.py). Run it on an otherwise idle
# machine; it takes a few minutes.
#   scripts/measure-benchmarks.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
measure() {  # BENCHMARK REPORT
  local report="results/reference/$2"
  "build/tests/$1" --benchmark_repetitions="$runs" --benchmark_report_aggregates_only=true \
    --benchmark_context="$context" --benchmark_out_format=json \
    --benchmark_out="$report.tmp" >&2
  mv "$report.tmp" "$report"
}
context=$(/usr/bin/python3 analysis/timings.py context)  # the machine and revision, for the reports
cmake --build build --target simulator_bench fisher_bench coinsim-simulate > /dev/null
measure simulator_bench simulator-bench.json
measure fisher_bench fisher-bench.json
/usr/bin/python3 analysis/docs_tables.py docs/performance.md
