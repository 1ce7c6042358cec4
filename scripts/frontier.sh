#!/usr/bin/env bash
# The compute-accuracy frontier of the learned coded model against COIN's point: runs
# `coinsim coin` on BASE with methods coin, learned and coin-finetune at each distillation budget
# (steps), and prints one line per budget: mean degraded accuracy over tasks and seeds, and mean
# construction wall seconds, for each method. Until sweeps exist (issue 5) this is how the
# frontier in the README was measured:
#   scripts/frontier.sh scenarios/accuracy/fashion-mnist-mlp-k2-r1.json 3 10 30 100 300 1000
set -euo pipefail
base="$1"
shift
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf "%6s  %-28s %-28s %-28s\n" steps "coin (acc, s)" "learned (acc, s)" "coin-finetune (acc, s)"
for steps in "$@"; do
  /usr/bin/python3 - "$base" "$steps" "$work" <<'PY'
import json, sys
base, steps, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
scenario = json.load(open(base))
scenario["name"] = scenario["name"] + "-frontier-" + str(steps)
scenario.setdefault("coding", {})["methods"] = ["coin", "learned", "coin-finetune"]
scenario["coding"].setdefault("distillation", {})["steps"] = steps
scenario["output"] = {"dir": work + "/results/" + str(steps)}
json.dump(scenario, open(work + "/scenario.json", "w"))
PY
  (cd "$root" && ./build/coinsim coin "$work/scenario.json" > /dev/null)
  /usr/bin/python3 - "$work/results/$steps/coin.json" "$steps" <<'PY'
import json, statistics, sys
report, steps = json.load(open(sys.argv[1])), sys.argv[2]
cells = []
for method in ["coin", "learned", "coin-finetune"]:
    rows = [r for r in report["rows"] if r["method"] == method]
    accuracy = statistics.mean(r["degraded"]["mean"] for r in rows)
    seconds = report["construction"][method]["wall_seconds"]["mean"]
    cells.append(f"{accuracy:.4f}, {seconds:8.3f} s")
print(f"{steps:>6}  " + "  ".join(f"{c:<28}" for c in cells))
PY
done
