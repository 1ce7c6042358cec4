#!/usr/bin/env python3
"""Latency CDF of every strategy of one run, accuracy in the legend.

Reads results/<name>/queries-<strategy>.csv and summary-<strategy>.json as written by
`coinsim run`, and writes latency_cdf.png (and .pdf) beside them. Two panels: the whole CDF on a
linear axis, and the tail (1 - CDF on a log axis) where stragglers and coding differ. Line styles
differ as well as colours, so the figure reads in greyscale.

usage: python3 analysis/plot_latency_cdf.py results/default
"""
import csv
import json
import sys
from pathlib import Path

from figures import curve_style, plt, save


def measured_latencies(csv_path):
    with open(csv_path, newline="") as f:
        return sorted(float(row["latency"]) for row in csv.DictReader(f) if row["warmup"] == "0")


def main(results_dir):
    results = Path(results_dir)
    summaries = sorted(results.glob("summary-*.json"))
    if not summaries:
        sys.exit(f"{results}: no summary-<strategy>.json files to plot")
    figure, (whole, tail) = plt.subplots(1, 2, figsize=(10, 4))
    for index, summary_path in enumerate(summaries):
        summary = json.loads(summary_path.read_text())
        name = summary["strategy"]
        latencies = measured_latencies(results / f"queries-{name}.csv")
        n = len(latencies)
        milliseconds = [1000 * x for x in latencies]
        cdf = [(i + 1) / n for i in range(n)]
        survival = [1 - (i + 1) / n + 1 / n for i in range(n)]
        label = (f"{name} ({summary['servers']} servers): accuracy {summary['accuracy']:.3f}, "
                 f"p99.9 {1000 * summary['latency']['p99.9']:.2f} ms")
        style = curve_style(index)
        style.pop("marker")
        whole.plot(milliseconds, cdf, label=label, **style)
        tail.plot(milliseconds, survival, label=label, **style)
    whole.set_xlabel("latency (ms)")
    whole.set_ylabel("fraction of queries")
    whole.set_title("latency CDF")
    tail.set_xlabel("latency (ms)")
    tail.set_ylabel("fraction of queries slower (log)")
    tail.set_yscale("log")
    tail.set_title("tail")
    for axis in (whole, tail):
        axis.grid(True, alpha=0.3)
    whole.legend(fontsize=7, loc="lower right")
    figure.tight_layout()
    save(figure, results, "latency_cdf")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
