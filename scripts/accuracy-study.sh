#!/usr/bin/env bash
# The accuracy study of docs/results.md: `coinsim coin` on each optimizer regime of
# scenarios/accuracy/regimes/ (Fashion-MNIST, MLP 784-200-10, k = 2, r = 1, every method,
# seeds 1-5) under each decoding space, then analysis/accuracy_study.py, which writes
# results/reference/accuracy-study.csv (committed) and prints the Markdown tables the docs show;
# then the end-to-end sweeps and analysis/end_to_end_study.py (results/reference/end-to-end-study.csv).
# The task models are trained once per regime and seed; the decoding spaces reuse them.
#   scripts/accuracy-study.sh        (about 40 minutes on 2 cores with a cold cache)
set -euo pipefail
cd "$(dirname "$0")/.."
out=results/regimes
mkdir -p "$out/scenarios"
# derive REGIME NAME DECODING [kfac]: the regime's scenario, named NAME, decoded in DECODING;
# with "kfac", COIN alone on K-FAC Fisher blocks. Then runs `coinsim coin` on it.
derive() {
  local scenario="$out/scenarios/$2.json"
  /usr/bin/python3 - "$@" "$scenario" "$out" <<'PY'
import json, sys
regime, name, decoding, *kfac, path, out = sys.argv[1:]
s = json.load(open(f"scenarios/accuracy/regimes/fashion-mnist-mlp-{regime}.json"))
s["name"] = name
s["coding"]["decoding"] = decoding
if kfac:
    s["coding"]["methods"] = ["coin"]
    s["coding"]["fisher"]["estimator"] = "kfac"
s["output"] = {"dir": f"{out}/{name}"}
json.dump(s, open(path, "w"), indent=2)
PY
  local start=$(date +%s)
  ./build/coinsim coin "$scenario" > "$out/$2.txt"
  echo "$2: $(( $(date +%s) - start )) s" >&2
}
for regime in adam sgd; do
  for decoding in probability logit simplex; do derive "$regime" "$regime-$decoding" "$decoding"; done
done
# COIN on K-FAC Fisher blocks instead of the diagonal (regime "<regime>_kfac"), probability space.
for regime in adam sgd; do derive "$regime" "${regime}_kfac-probability" probability kfac; done
/usr/bin/python3 analysis/accuracy_study.py "$out" results/reference/accuracy-study.csv
# The same regimes end to end: the default scenario simulated under each decoding space, seeds 1-5.
for regime in adam sgd; do
  start=$(date +%s)
  ./build/coinsim sweep "scenarios/accuracy/regimes/end-to-end-$regime.json" > /dev/null
  echo "end-to-end-$regime: $(( $(date +%s) - start )) s" >&2
done
/usr/bin/python3 analysis/end_to_end_study.py results/reference/end-to-end-study.csv \
  results/end-to-end-adam results/end-to-end-sgd
