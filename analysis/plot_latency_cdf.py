#!/usr/bin/env python3
"""The latency tail of every strategy of one run, its accuracy and p99.9 in the legend.

Reads results/<name>/queries-<strategy>.csv and summary-<strategy>.json as written by
`coinsim run`, in the order of the scenario's strategies (scenario.json), and writes
latency_cdf.pdf and .png beside them: the share of queries slower than each latency (log scale,
in %), from the median on, where stragglers and coding differ. Two strategies whose latencies are
identical (COIN and averaging share their servers and random streams) draw one over the other;
the legend says so.

usage: analysis/plot_latency_cdf.py RESULTS_DIR [--width column|page] [--style FILE]
"""
from pathlib import Path

from figures import (InputError, Layout, Looks, fraction_ticks, latency_tail, legend_below,
                     legend_rows, new_figure, plain_log_ticks, read_json, read_table, run, save)


def measured_latencies_ms(csv_path):
    _, rows = read_table(csv_path, ["warmup"], ["latency_s"])
    return sorted(1000 * float(row["latency_s"]) for row in rows if row["warmup"] == "0")


def same_as(latencies_by_name):
    """{name: an earlier name with exactly the same latencies}."""
    same, seen = {}, {}
    for name, latencies in latencies_by_name.items():
        key = tuple(latencies)
        if key in seen:
            same[name] = seen[key]
        else:
            seen[key] = name
    return same


def strategy_order(results, summaries):
    """The strategies in the scenario's order (scenario.json), else by name."""
    names = sorted(summaries)
    scenario = results / "scenario.json"
    listed = read_json(scenario).get("strategies", []) if scenario.is_file() else []
    listed = [entry.get("name") for entry in listed if isinstance(entry, dict)]
    return [n for n in listed if n in summaries] + [n for n in names if n not in listed]


def read_summaries(results):
    summaries = {}
    for path in results.glob("summary-*.json"):
        summary = read_json(path)
        try:
            summaries[summary["strategy"]] = dict(
                servers=summary["servers"], accuracy=summary["accuracy"],
                scoring=summary.get("scoring", "task"), p999_ms=1000 * summary["latency_p999_s"])
        except (KeyError, TypeError) as error:
            raise InputError(f"{path}: not a strategy's summary (no {error})") from error
    if not summaries:
        raise InputError(f"{results}: no summary-<strategy>.json files to plot")
    return summaries


def legend_label(name, summary, same):
    label = (f"{name}: {summary['servers']} servers, {summary['accuracy']:.3f}, "
             f"{summary['p999_ms']:.3g} ms")
    return label + (f"\n(same latencies as {same[name]}: one curve)" if name in same else "")


def draw(results, layout):
    results = Path(results)
    summaries = read_summaries(results)
    names = strategy_order(results, summaries)
    latencies = {name: measured_latencies_ms(results / f"queries-{name}.csv") for name in names}
    same = same_as(latencies)
    labels = [legend_label(name, summaries[name], same) for name in names]
    figure, axes = new_figure(layout, legend_rows=legend_rows(layout, labels))
    panel = axes[0][0]
    looks = Looks()
    for name, label in zip(names, labels):
        points = latency_tail(latencies[name])
        if points:
            panel.step(*zip(*points), where="post", label=label, **looks.curve(name, marker=False))
    panel.set_yscale("log")
    fraction_ticks(panel.yaxis)
    panel.set_ylim(top=0.5)
    if panel.dataLim.x0 > 0 and panel.dataLim.x1 / panel.dataLim.x0 > 20:
        panel.set_xscale("log")
        plain_log_ticks(panel.xaxis)
    panel.set_xlabel("latency (ms)")
    panel.set_ylabel("queries slower (%)")
    rules = sorted({s["scoring"] for s in summaries.values()})
    panel.set_title(f"Latency tail per strategy\nlegend: servers, accuracy ({', '.join(rules)} "
                    "scoring), p99.9")
    legend_below(figure, layout, *panel.get_legend_handles_labels())
    return figure


def main(results, layout=None):
    save(draw(results, layout or Layout()), Path(results), "latency_cdf")


if __name__ == "__main__":
    run(main, __doc__)
