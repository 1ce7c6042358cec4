#!/usr/bin/env python3
"""What a paper sweep's figures show, as a small committed table that docs/sweeps.md quotes
(through analysis/paper_findings.py and analysis/docs_tables.py), so no number there is typed by
hand.

From results/<sweep>/summary.csv and accuracy.csv (`coinsim sweep scenarios/paper/<sweep>.json`;
scripts/paper.sh runs both), one row per quantity, seeds averaged exactly as the figures average
them (the functions of analysis/plot_sweep.py):

  latency   per strategy, setting of the other axes and value x of the swept numeric axis
            (durations in ms, a list of tasks as k): servers, p50, p99, p99.9 and mean latency
            (ms), accuracy per task under the sweep's scoring rule;
  accuracy  per method and setting of the axes that change accuracy: degraded accuracy, and the
            available accuracy (method "available").

  analysis/paper_study.py RESULTS_DIR OUT_CSV
"""
import sys
from pathlib import Path

from accuracy_study import write_csv
from plot_sweep import Sweep, axis_scale, degraded_bars, grouped
from seed_statistics import mean_sd

COLUMNS = ["series", "setting", "axis", "x", "quantity", "mean", "sd", "seeds"]
LATENCY_QUANTITIES = {"p50_ms": "latency_p50_s", "p99_ms": "latency_p99_s",
                      "p999_ms": "latency_p999_s", "mean_ms": "latency_mean_s"}


def latency_rows(sweep):
    """Rows of every strategy against every numeric swept axis (or k)."""
    out = []
    numeric = [a for a in sweep.varying if any(sweep.x_of(r, a) is not None for r in sweep.summary)]
    for axis in numeric:
        others = [a for a in sweep.varying if a != axis]
        scale = axis_scale(axis) if sweep.x_of(sweep.summary[0], axis) is not None else 1.0
        by_point = grouped(sweep.summary,
                           lambda r: (r["strategy"], sweep.setting(r, others), sweep.x_of(r, axis)),
                           lambda r: r)
        name = "k" if sweep.summary[0][axis].startswith("[") else axis
        for (strategy, setting, x), rows in by_point.items():
            quantities = {q: [1000 * float(r[column]) for r in rows]
                          for q, column in LATENCY_QUANTITIES.items()}
            quantities["servers"] = [float(r["servers"]) for r in rows]
            quantities["accuracy"] = [float(r["accuracy"]) for r in rows]
            for quantity, values in quantities.items():
                mean, sd = mean_sd(values)
                out.append({"series": strategy, "setting": setting, "axis": name,
                            "x": f"{scale * x:g}", "quantity": quantity, "mean": mean, "sd": sd,
                            "seeds": len(values)})
    return out


def accuracy_rows(sweep):
    settings, series = degraded_bars(sweep)
    seeds = grouped(sweep.accuracy, lambda r: sweep.setting(r, sweep.accuracy_axes()),
                    lambda r: r["seed"])
    out = []
    for method, stats in series.items():
        for setting, value in zip(settings, stats):
            if value is None:
                continue
            out.append({"series": method, "setting": setting, "axis": "", "x": "",
                        "quantity": "degraded" if method != "available" else "available",
                        "mean": value[0], "sd": value[1], "seeds": len(set(seeds[setting]))})
    return out


def main(arguments):
    if len(arguments) != 2:
        sys.exit(__doc__)
    sweep = Sweep(Path(arguments[0]))
    rows = latency_rows(sweep) if sweep.summary else []
    rows += accuracy_rows(sweep) if sweep.accuracy else []
    write_csv(rows, arguments[1], COLUMNS)


if __name__ == "__main__":
    main(sys.argv[1:])
