#!/usr/bin/env bash
# The accuracy study of docs/results.md, in two parts:
#   mlp  `coinsim coin` on each optimizer regime of scenarios/accuracy/regimes/ (Fashion-MNIST,
#        MLP 784-200-10, k = 2, r = 1, every method, seeds 1-5) under each decoding space, then
#        analysis/accuracy_study.py, which writes results/reference/accuracy-study.csv (committed)
#        and prints the Markdown tables the docs show; then the end-to-end sweeps and
#        analysis/end_to_end_study.py (results/reference/end-to-end-study.csv);
#   cnn  the residual CNN trained to convergence (fashion-mnist-residual-cnn-sgd.json: [16, 32]
#        channels, SGD, 10 epochs), every method in probability space and COIN on K-FAC blocks,
#        seeds 1-5 -> results/reference/residual-cnn-study.csv;
#   fisher  the default scenario (COIN and averaging, seeds 1-5) under each Fisher estimator,
#        the Fisher over each model's own task data, and each initialisation regime
#        -> results/reference/fisher-study.csv (a few minutes);
#   scenarios  every scenario of scenarios/accuracy/ with its files (MNIST and Fashion-MNIST; MLP
#        and LeNet-5; k = 2, 3, 4; r = 1, 2; every method, seeds 1-5) in probability space
#        -> results/reference/accuracy-scenarios.csv;
#   decoding  the same scenarios decoded in logit space, paired per seed with `scenarios`' runs
#        -> results/reference/decoding-scenarios.csv (run `scenarios` first).
# The task models are trained once per regime and seed; the decoding spaces reuse them.
#   scripts/accuracy-study.sh [mlp | cnn | fisher | (scenarios | decoding) [mlp | lenet5]]
#                                  (all by default; 40-70 minutes each on 2 cores, cold cache)
set -euo pipefail
cd "$(dirname "$0")/.."
part=${1:-all}
regimes=scenarios/accuracy/regimes
# derive SCENARIO NAME DECODING [PATH=VALUE...]: `coinsim coin` on SCENARIO renamed NAME, decoded
# in DECODING, with the settings given, its results in $out/NAME. The changes go through --set, so
# the scenario's own relative paths keep meaning what its file says.
derive() {
  local scenario=$1 name=$2 decoding=$3
  shift 3
  local changes=(--set "/name=$name" --set "/coding/decoding=$decoding" --set "/output/dir=$out/$name")
  for setting in "$@"; do changes+=(--set "$setting"); done
  mkdir -p "$out"
  local start=$(date +%s)
  ./build/coinsim coin "$scenario" "${changes[@]}" > "$out/$name.txt"
  echo "$name: $(( $(date +%s) - start )) s" >&2
}
kfac=('/coding/methods=["coin"]' /coding/fisher/estimator=kfac)  # COIN alone, K-FAC Fisher blocks
mlp_study() {
  out=results/regimes
  for regime in adam sgd; do
    for decoding in probability logit simplex; do
      derive "$regimes/fashion-mnist-mlp-$regime.json" "$regime-$decoding" "$decoding"
    done
  done
  # COIN on K-FAC Fisher blocks instead of the diagonal (regime "<regime>_kfac"), probability space.
  for regime in adam sgd; do
    derive "$regimes/fashion-mnist-mlp-$regime.json" "${regime}_kfac-probability" probability \
      "${kfac[@]}"
  done
  /usr/bin/python3 analysis/accuracy_study.py "$out" results/reference/accuracy-study.csv
  # The same regimes end to end: the default scenario simulated under each decoding space.
  for regime in adam sgd; do
    start=$(date +%s)
    ./build/coinsim sweep "$regimes/end-to-end-$regime.json" > /dev/null
    echo "end-to-end-$regime: $(( $(date +%s) - start )) s" >&2
  done
  /usr/bin/python3 analysis/end_to_end_study.py results/reference/end-to-end-study.csv \
    results/end-to-end-adam results/end-to-end-sgd
}
cnn_study() {
  out=results/regimes-cnn
  derive "$regimes/fashion-mnist-residual-cnn-sgd.json" residual-cnn_sgd-probability probability
  derive "$regimes/fashion-mnist-residual-cnn-sgd.json" residual-cnn_sgd_kfac-probability \
    probability "${kfac[@]}"
  /usr/bin/python3 analysis/accuracy_study.py "$out" results/reference/residual-cnn-study.csv
}
scenarios_study() {  # [ARCHITECTURE]: only its scenarios (mlp or lenet5); the table holds all run
  out=results/accuracy-scenarios
  for scenario in scenarios/accuracy/{fashion-mnist,mnist}-${1:-}*.json; do
    derive "$scenario" "$(basename "$scenario" .json)-probability" probability
  done
  /usr/bin/python3 analysis/accuracy_study.py "$out" results/reference/accuracy-scenarios.csv
}
fisher_study() {  # the default scenario's Fisher and initialisation choices, COIN and averaging
  out=results/fisher-study
  local scenario=scenarios/default.json
  local common=('/coding/methods=["coin","averaging"]' '/seeds=[1,2,3,4,5]')
  for estimator in sampled exact empirical; do
    derive "$scenario" "estimator=$estimator-probability" probability "${common[@]}" \
      "/coding/fisher/estimator=$estimator"
  done
  derive "$scenario" "fisher-data=own-task-probability" probability "${common[@]}" \
    /coding/fisher/data=own-task
  for init in independent pretrained; do
    derive "$scenario" "init=$init-probability" probability "${common[@]}" "/training/init=$init"
  done
  /usr/bin/python3 analysis/accuracy_study.py "$out" results/reference/fisher-study.csv
}
decoding_study() {  # [ARCHITECTURE]: its scenarios again in logit space, paired with `scenarios`
  out=results/decoding-scenarios
  for scenario in scenarios/accuracy/{fashion-mnist,mnist}-${1:-}*.json; do
    derive "$scenario" "$(basename "$scenario" .json)-logit" logit
  done
  /usr/bin/python3 analysis/decoding_study.py results/accuracy-scenarios "$out" \
    results/reference/decoding-scenarios.csv
}
case "$part" in
  mlp) mlp_study ;;
  cnn) cnn_study ;;
  fisher) fisher_study ;;
  decoding) decoding_study "${2:-}" ;;
  scenarios) scenarios_study "${2:-}" ;;
  all) mlp_study; cnn_study; fisher_study; scenarios_study; decoding_study ;;
  *) echo "usage: scripts/accuracy-study.sh [mlp | cnn | fisher | scenarios | decoding" \
          "[mlp | lenet5]]" >&2
     exit 2 ;;
esac
