#!/usr/bin/env python3
"""Latency CDF of every strategy of one run, accuracy in the legend.

Reads results/<name>/queries-<strategy>.csv and summary-<strategy>.json as written by
`coinsim run`, and writes latency_cdf.png (and .pdf) beside them. Two panels: the whole CDF on a
linear axis, and the tail (1 - CDF on a log axis) where stragglers and coding differ. Line styles
differ as well as colours, so the figure reads in greyscale.

usage: python3 analysis/plot_latency_cdf.py results/default
"""
from pathlib import Path

from figures import InputError, curve_style, plt, read_json, read_table, run, save


def measured_latencies(csv_path):
    _, rows = read_table(csv_path, ["warmup"], ["latency"])
    return sorted(float(row["latency"]) for row in rows if row["warmup"] == "0")


def main(results_dir):
    results = Path(results_dir)
    summaries = sorted(results.glob("summary-*.json"))
    if not summaries:
        raise InputError(f"{results}: no summary-<strategy>.json files to plot")
    figure, (whole, tail) = plt.subplots(1, 2, figsize=(10, 4))
    for index, summary_path in enumerate(summaries):
        summary = read_json(summary_path)
        try:
            name = summary["strategy"]
            servers, accuracy = summary["servers"], summary["accuracy"]
            scoring = summary.get("scoring", "task")
            p999 = 1000 * summary["latency"]["p99.9"]
        except (KeyError, TypeError) as error:
            raise InputError(f"{summary_path}: not a strategy's summary (no {error})") from error
        latencies = measured_latencies(results / f"queries-{name}.csv")
        n = len(latencies)
        milliseconds = [1000 * x for x in latencies]
        cdf = [(i + 1) / n for i in range(n)]
        survival = [1 - (i + 1) / n + 1 / n for i in range(n)]
        label = (f"{name} ({servers} servers): accuracy {accuracy:.3f} (scoring {scoring}), "
                 f"p99.9 {p999:.2f} ms")
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
    run(main, __doc__)
