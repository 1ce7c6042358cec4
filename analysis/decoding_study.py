#!/usr/bin/env python3
"""Decoding in logit against probability space, paired per seed, from two sets of `coinsim coin`
runs of the same scenarios (scripts/accuracy-study.sh scenarios, then decoding): folders
<scenario>-probability in PROBABILITY_DIR and <scenario>-logit in LOGIT_DIR, each with its
coin.json.

Per scenario and method: the per-seed difference (logit minus probability) of degraded accuracy
averaged over erasure patterns and tasks, its mean and sample sd over the seeds, and whether the
mean lies outside the two-sided 95% interval of a paired t-test (rule `task`).

  analysis/decoding_study.py PROBABILITY_DIR LOGIT_DIR OUT_CSV    (prints the Markdown table)
"""
import json
import sys
from pathlib import Path

from accuracy_study import METHODS, per_seed, write_csv
from prose import paragraph
from seed_statistics import mean_sd, significant

COLUMNS = ["scenario", "method", "seeds", "logit_minus_probability_mean",
           "logit_minus_probability_sd", "significant"]
def study_rows(probability_dir, logit_dir):
    rows = []
    for logit in sorted(p for p in Path(logit_dir).iterdir() if (p / "coin.json").is_file()):
        scenario = logit.name.removesuffix("-logit")
        probability = Path(probability_dir) / f"{scenario}-probability" / "coin.json"
        if not probability.is_file():
            sys.exit(f"decoding_study: {probability}: missing (run `scripts/accuracy-study.sh "
                     "scenarios` first)")
        reports = [json.loads(f.read_text()) for f in (logit / "coin.json", probability)]
        if reports[0]["seeds"] != reports[1]["seeds"]:
            sys.exit(f"decoding_study: {scenario}: the two runs have different seeds")
        for method in METHODS:
            values = [per_seed(r, method, "degraded", "task") for r in reports]
            if method in ("default", "cheap-backup") or None in values:
                continue  # neither is decoded: the space does not change them
            differences = [a - b for a, b in zip(*values)]
            mean, sd = mean_sd(differences)
            rows.append({"scenario": scenario, "method": method, "seeds": len(differences),
                         "logit_minus_probability_mean": mean,
                         "logit_minus_probability_sd": sd,
                         "significant": int(significant(differences))})
    return rows


def markdown(rows):
    methods = [m for m in METHODS if any(r["method"] == m for r in rows)]
    lines = ["| scenario | " + " | ".join(methods) + " |", "|---" * (len(methods) + 1) + "|"]
    for scenario in dict.fromkeys(r["scenario"] for r in rows):
        cells = {r["method"]: r for r in rows if r["scenario"] == scenario}
        lines.append(f"| {scenario} | " + " | ".join(
            f"{cells[m]['logit_minus_probability_mean']:+.3f}"
            f"{'*' if cells[m]['significant'] else ''}".replace("-", "−") if m in cells else ""
            for m in methods) + " |")
    seeds = sorted({r["seeds"] for r in rows})
    lines += ["", f"(logit minus probability, mean over {'/'.join(map(str, seeds))} seeds; "
                  "* = outside the paired 95% interval)"]
    return "\n".join(lines)


def reading(rows):
    """Where logit decoding helps and hurts, counted per method."""
    parts = []
    for method in dict.fromkeys(r["method"] for r in rows):
        mine = [r for r in rows if r["method"] == method]
        better = sum(r["logit_minus_probability_mean"] > 0 for r in mine)
        significant_better = sum(r["significant"] and r["logit_minus_probability_mean"] > 0
                                 for r in mine)
        significant_worse = sum(r["significant"] and r["logit_minus_probability_mean"] < 0
                                for r in mine)
        parts.append(f"{method} is better in logit space in {better} of {len(mine)} scenarios "
                     f"(significantly in {significant_better}, significantly worse in "
                     f"{significant_worse})")
    return paragraph("; ".join(parts) + ".")


def main(arguments):
    if len(arguments) != 3:
        sys.exit(__doc__)
    rows = study_rows(arguments[0], arguments[1])
    write_csv(rows, arguments[2], COLUMNS)
    print(markdown(rows))


if __name__ == "__main__":
    main(sys.argv[1:])
