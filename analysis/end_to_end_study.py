#!/usr/bin/env python3
"""The end-to-end accuracy table of docs/results.md, from the sweeps
scenarios/accuracy/regimes/end-to-end-<regime>.json (decoding space x seeds 1-5 of the default
scenario, under each optimizer regime; scripts/accuracy-study.sh runs them).

For every regime, decoding space and strategy: the per-query accuracy of the simulated run under
each rule — per task `task` and `all`, end-to-end `query` — as mean ± sample sd over the seeds.

  analysis/end_to_end_study.py OUT_CSV SWEEP_DIR...   (prints the Markdown table on stdout)
"""
import csv
import sys
from pathlib import Path

from accuracy_study import write_csv
from seed_statistics import mean_sd

RULES = ["task", "all", "query"]


def study_rows(sweep_dirs):
    rows = []
    for sweep in sweep_dirs:
        regime = Path(sweep).name.removeprefix("end-to-end-")
        with open(Path(sweep) / "summary.csv", newline="") as f:
            points = list(csv.DictReader(f))
        groups = {}
        for p in points:
            groups.setdefault((p["coding_decoding"], p["strategy"]), []).append(p)
        for (decoding, strategy), group in groups.items():
            row = {"regime": regime, "decoding": decoding, "strategy": strategy,
                   "seeds": len(group)}
            for rule in RULES:
                row[f"accuracy_{rule}_mean"], row[f"accuracy_{rule}_sd"] = \
                    mean_sd([float(p[f"accuracy_{rule}"]) for p in group])
            rows.append(row)
    return rows


COLUMNS = ["regime", "decoding", "strategy", "seeds"] + \
    [f"accuracy_{rule}_{s}" for rule in RULES for s in ("mean", "sd")]


def markdown(rows):
    lines = ["| regime | decoding | strategy | per task (task) | per task (all) | per query |",
             "|---|---|---|---|---|---|"]
    order = {"probability": 0, "logit": 1, "simplex": 2}
    for r in sorted(rows, key=lambda r: (r["regime"], order.get(r["decoding"], 9),
                                         r["strategy"])):
        lines.append(f"| {r['regime']} | {r['decoding']} | {r['strategy']} | " + " | ".join(
            f"{r[f'accuracy_{rule}_mean']:.3f} ± {r[f'accuracy_{rule}_sd']:.3f}"
            for rule in RULES) + " |")
    return "\n".join(lines)


def main(out_csv, sweep_dirs):
    rows = study_rows(sweep_dirs)
    write_csv(rows, out_csv, COLUMNS)
    print(markdown(rows))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
