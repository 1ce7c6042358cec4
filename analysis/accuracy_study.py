#!/usr/bin/env python3
"""The accuracy study of docs/results.md, from the coin.json files `coinsim coin` wrote for each
optimizer regime x decoding space (scripts/accuracy-study.sh runs them).

Per seed, a method's degraded accuracy is its mean over every erasure pattern and erased task;
the table gives mean ± sample sd of that over the seeds, under both per-task scoring rules,
plus COIN's paired per-seed difference from weighted averaging and how many seeds COIN won, and
the available accuracy with that of the least accurate task model of any seed (a failed training
shows there).

  analysis/accuracy_study.py RESULTS_DIR OUT_CSV     (prints the Markdown tables on stdout)

RESULTS_DIR holds one folder per run, named <regime>-<decoding>, each with its coin.json.
"""
import csv
import json
import os
import sys
from pathlib import Path

from seed_statistics import mean_sd

METHODS = ["coin", "averaging", "task-arithmetic", "ties", "regmean", "learned", "coin-finetune",
           "cheap-backup",
           "default"]
RULES = ["task", "all"]


def per_seed(report, method, quantity, rule):
    """Per seed: the mean over the method's rows (patterns x erased tasks)."""
    rows = [r for r in report["rows"] if r["method"] == method]
    if not rows:
        return None
    seeds = len(rows[0][quantity][rule]["values"])
    return [sum(r[quantity][rule]["values"][s] for r in rows) / len(rows) for s in range(seeds)]


def lowest_model(report, rule):
    """The least accurate task model of any seed: a model whose training failed shows here."""
    return min(v for r in report["rows"] if r["method"] == "default"
               for v in r["available"][rule]["values"])


def study_rows(results):
    rows = []
    for folder in sorted(p for p in results.iterdir() if (p / "coin.json").is_file()):
        regime, decoding = folder.name.rsplit("-", 1)
        report = json.loads((folder / "coin.json").read_text())
        seeds = report["seeds"]
        for rule in RULES:
            available = per_seed(report, "default", "available", rule)
            coin = per_seed(report, "coin", "degraded", rule)
            averaging = per_seed(report, "averaging", "degraded", rule)
            for method in METHODS:
                values = per_seed(report, method, "degraded", rule)
                if values is None:
                    continue
                cost = report["construction"].get(method, {})
                row = {"regime": regime, "decoding": decoding, "scoring": rule, "method": method,
                       "seeds": len(seeds), "available_mean": mean_sd(available)[0],
                       "available_lowest_model": lowest_model(report, rule),
                       "degraded_mean": mean_sd(values)[0], "degraded_sd": mean_sd(values)[1],
                       "construction_s_mean": cost.get("wall_s", {}).get("mean", ""),
                       "construction_flops": cost.get("flops", "")}
                if method == "coin" and averaging:
                    differences = [c - a for c, a in zip(coin, averaging)]
                    row["coin_minus_averaging_mean"], row["coin_minus_averaging_sd"] = \
                        mean_sd(differences)
                    row["coin_wins"] = sum(d > 0 for d in differences)
                rows.append(row)
    return rows


COLUMNS = ["regime", "decoding", "scoring", "method", "seeds", "available_mean",
           "available_lowest_model", "degraded_mean",
           "degraded_sd", "construction_s_mean", "construction_flops",
           "coin_minus_averaging_mean", "coin_minus_averaging_sd", "coin_wins"]


def write_csv(rows, path, columns):
    """The rows, floats to 6 significant digits, written atomically (also end_to_end_study)."""
    temporary = f"{path}.tmp"
    with open(temporary, "w", newline="") as f:
        writer = csv.DictWriter(f, columns, restval="")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v)
                             for k, v in row.items()})
    os.replace(temporary, path)


def markdown(rows):
    lines = []
    regimes = sorted({r["regime"] for r in rows})
    decodings = [d for d in ["probability", "logit", "simplex"]
                 if any(r["decoding"] == d for r in rows)]
    methods = [m for m in METHODS if any(r["method"] == m for r in rows)]
    lowest = all(r.get("available_lowest_model", "") != "" for r in rows)
    lines.append("| regime | decoding | scoring | " +
                 ("available (lowest model)" if lowest else "available") + " | " +
                 " | ".join(methods) +
                 " | COIN − averaging (wins) |")
    lines.append("|---" * (5 + len(methods)) + "|")
    for regime in regimes:
        for decoding in decodings:
            for rule in RULES:
                cells = {r["method"]: r for r in rows if (r["regime"], r["decoding"],
                                                          r["scoring"]) == (regime, decoding, rule)}
                if not cells:
                    continue
                coin = cells.get("coin", {})
                difference = (f"{coin['coin_minus_averaging_mean']:+.3f} ± "
                              f"{coin['coin_minus_averaging_sd']:.3f} ({coin['coin_wins']}/"
                              f"{coin['seeds']})" if coin.get("coin_wins", "") != "" else "")
                first = next(iter(cells.values()))
                available = f"{first['available_mean']:.3f}" + (
                    f" ({first['available_lowest_model']:.3f})" if lowest else "")
                lines.append(f"| {regime} | {decoding} | {rule} | {available} | " +
                             " | ".join(f"{cells[m]['degraded_mean']:.3f} ± "
                                        f"{cells[m]['degraded_sd']:.3f}" if m in cells else ""
                                        for m in methods) + f" | {difference} |")
    lines.append("")
    lines.append("Construction cost (probability decoding runs; wall seconds, mean over seeds, "
                 "and counted flops):")
    lines.append("")
    lines.append("| regime | method | seconds | flops |")
    lines.append("|---|---|---|---|")
    for r in sorted((r for r in rows if r["decoding"] == "probability" and r["scoring"] == "task"
                     and r["construction_s_mean"] != ""),
                    key=lambda r: (r["regime"], METHODS.index(r["method"]))):
        lines.append(f"| {r['regime']} | {r['method']} | {r['construction_s_mean']:.3g} | "
                     f"{r['construction_flops']:.3g} |")
    return "\n".join(lines)


def main(results_dir, out_csv):
    rows = study_rows(Path(results_dir))
    if not rows:
        sys.exit(f"accuracy_study: {results_dir}: no <regime>-<decoding>/coin.json to read")
    write_csv(rows, out_csv, COLUMNS)
    print(markdown(rows))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
