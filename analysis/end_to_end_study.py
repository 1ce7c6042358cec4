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
from prose import paragraph
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


def reading(rows):
    """The end-to-end rule against the per-task one over every run, and `none` against COIN."""
    def span(rule):
        values = [r[f"accuracy_{rule}_mean"] for r in rows]
        return f"{min(values):.3f}–{max(values):.3f}"
    pairs = []
    for regime in dict.fromkeys(r["regime"] for r in rows):
        cell = {r["strategy"]: r for r in rows
                if r["regime"] == regime and r["decoding"] == "probability"}
        if "none" in cell and "coin" in cell:
            pairs.append(f"{regime} `none` {cell['none']['accuracy_query_mean']:.3f} ± "
                         f"{cell['none']['accuracy_query_sd']:.3f} against COIN "
                         f"{cell['coin']['accuracy_query_mean']:.3f} ± "
                         f"{cell['coin']['accuracy_query_sd']:.3f}")
    return paragraph(
        f"Per query, from all k answers and without knowing the image's task (`query`), every "
        f"strategy of every regime and decoding lands at {span('query')}, against {span('task')} "
        f"per task (`task`): each split-task model answers images of the other task's classes "
        f"with one of its own. Per query, probability decoding: {'; '.join(pairs)}.")


def main(out_csv, sweep_dirs):
    rows = study_rows(sweep_dirs)
    write_csv(rows, out_csv, COLUMNS)
    print(markdown(rows))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
