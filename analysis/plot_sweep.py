#!/usr/bin/env python3
"""Figures of a sweep, from results/<sweep>/summary.csv and accuracy.csv (`coinsim sweep`).

Each figure is written as PDF and PNG into the sweep's folder, when the sweep has what it needs:

  latency_cdf          per strategy, the tail of the latency distribution (1 - CDF, log scale),
                       one panel per point (up to 9)                     needs: strategies
  tail_vs_<axis>       p99 and p99.9 latency against each swept axis,
                       one curve per strategy                             needs: strategies
  latency_accuracy     p99.9 latency against accuracy, one curve per strategy, traced by the
                       deadline (or the first swept axis)                 needs: strategies
  degraded_accuracy    degraded accuracy per construction method and point (k, dataset, ...),
                       with the available accuracy as reference          needs: accuracy rows
  accuracy_vs_compute  degraded accuracy against construction flops per method (COIN against
                       the learned model at several budgets)     needs: a distillation axis

Columns named by a JSON path ("/load/rate") are swept values. A "/seed" axis is never a curve of
its own: points differing only in seed are averaged, their standard deviation drawn as error bars.

usage: /usr/bin/python3 analysis/plot_sweep.py results/<sweep>
"""
import csv
import json
import sys
from collections import OrderedDict
from pathlib import Path

from matplotlib.ticker import MaxNLocator

from figures import bar_style, curve_style, mean_sd, plt, save

SEED_AXIS = "/seed"
AXIS_LABELS = {
    "/load/rate": "query rate (queries/s)",
    "/serving/deadline": "deadline (s)",
    "/background/executions/rate": "background jobs per second per host",
    "/stragglers/probability": "straggler probability",
    "/stragglers/slowdown": "straggler slowdown",
    "/coding/distillation/steps": "distillation steps",
    "/coding/r": "r (coded models)",
}
MAX_CDF_PANELS = 9


def read_rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def short(axis):
    return axis.rsplit("/", 1)[-1]


def axis_label(axis):
    return AXIS_LABELS.get(axis, axis)


class Sweep:
    """The swept axes of a sweep's tables and how its points group once seeds are averaged."""

    def __init__(self, results):
        self.results = results
        self.summary = read_rows(results / "summary.csv")
        self.accuracy = read_rows(results / "accuracy.csv")
        header = next(csv.reader(open(results / "summary.csv", newline="")))
        self.axes = [c for c in header if c.startswith("/") and c != SEED_AXIS]
        rows = self.summary + self.accuracy
        self.varying = [a for a in self.axes if len({r[a] for r in rows}) > 1]
        self.k_varies = len({r["k"] for r in rows}) > 1

    def setting(self, row, axes):
        """A readable label of a row's values on some axes (non-scalar values by their k)."""
        parts = []
        for axis in axes:
            value = row[axis]
            if value.startswith("{"):  # an object (a model, say): its names
                names = [v for v in json.loads(value).values() if isinstance(v, str)]
                parts.append(" ".join(names) or value)
            elif value.startswith("[") and axis.startswith("/tasks"):
                parts.append(f"k={row['k']}")
            else:
                parts.append(f"{short(axis)}={value}")
        return ", ".join(OrderedDict.fromkeys(parts))

    def accuracy_axes(self):
        """The varying axes that change accuracy: some two rows differing only there differ."""
        def matters(axis):
            others = [a for a in self.axes if a != axis] + ["seed", "method", "erased", "task"]
            seen = {}
            for r in self.accuracy:
                key = tuple(r[c] for c in others)
                if seen.setdefault(key, r["degraded"]) != r["degraded"]:
                    return True
            return False
        return [a for a in self.varying if matters(a)]

    def x_of(self, row, axis):
        """Where a row sits on an axis: its number, or k for a swept list of tasks."""
        value = number(row[axis])
        if value is not None:
            return value
        return float(row["k"]) if self.k_varies else None


def grouped(rows, key, value):
    """{key: [values over seeds]} in first-seen order."""
    groups = OrderedDict()
    for row in rows:
        groups.setdefault(key(row), []).append(value(row))
    return groups


def latency_cdf(sweep):
    """The latency tail of every strategy, one panel per point of the first seed."""
    first_seed = sweep.summary[0]["seed"]
    points = list(OrderedDict.fromkeys(r["point"] for r in sweep.summary if r["seed"] == first_seed))
    if len(points) > MAX_CDF_PANELS:
        step = (len(points) - 1) / (MAX_CDF_PANELS - 1)
        points = [points[round(i * step)] for i in range(MAX_CDF_PANELS)]
    columns = min(3, len(points))
    rows_of_panels = (len(points) + columns - 1) // columns
    figure, axes = plt.subplots(rows_of_panels, columns, figsize=(4 * columns, 3.2 * rows_of_panels),
                                squeeze=False, sharey=True)
    for panel, point in zip(axes.flat, points):
        rows = [r for r in sweep.summary if r["point"] == point]
        for index, row in enumerate(rows):
            latencies = sorted(
                1000 * float(q["latency"])
                for q in read_rows(sweep.results / point / f"queries-{row['strategy']}.csv")
                if q["warmup"] == "0")
            n = len(latencies)
            survival = [1 - i / n for i in range(n)]
            style = curve_style(index)
            style.pop("marker")
            panel.plot(latencies, survival, label=row["strategy"], **style)
        panel.set_yscale("log")
        panel.set_title(sweep.setting(rows[0], sweep.axes) or point, fontsize=8)
        panel.set_xlabel("latency (ms)")
        panel.grid(True, alpha=0.3)
    for panel in axes[:, 0]:
        panel.set_ylabel("fraction slower (log)")
    for panel in list(axes.flat)[len(points):]:
        panel.set_visible(False)
    axes.flat[0].legend(fontsize=7)
    figure.tight_layout()
    return save(figure, sweep.results, "latency_cdf")


def tail_versus(sweep, axis):
    """p99 and p99.9 against one swept axis; a curve per strategy and setting of the other axes."""
    others = [a for a in sweep.varying if a != axis]
    by_k = number(sweep.summary[0][axis]) is None  # a swept list of tasks plots against k
    figure, panels = plt.subplots(1, 2, figsize=(10, 3.8))
    for panel, quantile in zip(panels, ("p99", "p99.9")):
        curves = grouped(sweep.summary, lambda r: (r["strategy"], sweep.setting(r, others)),
                         lambda r: r)
        for index, ((strategy, setting), rows) in enumerate(curves.items()):
            at_x = grouped(rows, lambda r: sweep.x_of(r, axis),
                           lambda r: 1000 * float(r[f"latency_{quantile}"]))
            xs = sorted(x for x in at_x if x is not None)
            stats = [mean_sd(at_x[x]) for x in xs]
            label = strategy + (f" ({setting})" if setting else "")
            panel.errorbar(xs, [m for m, _ in stats], yerr=[s for _, s in stats], label=label,
                           capsize=2, **curve_style(index))
        log = wide_range(panel)
        if by_k:
            panel.set_xlabel("k (tasks)")
            panel.xaxis.set_major_locator(MaxNLocator(integer=True))
        else:
            panel.set_xlabel(axis_label(axis))
        panel.set_ylabel(f"{quantile} latency (ms{', log' if log else ''})")
        panel.grid(True, alpha=0.3)
    panels[0].legend(fontsize=7)
    figure.tight_layout()
    return save(figure, sweep.results, "tail_vs_" + ("k" if by_k else short(axis).replace(".", "_")))


def wide_range(panel):
    """Log scale for the latency axis only when it spans more than a factor of 20."""
    low, high = panel.dataLim.y0, panel.dataLim.y1
    if low > 0 and high / low > 20:
        panel.set_yscale("log")
        return True
    return False


def latency_accuracy(sweep):
    """p99.9 latency against accuracy, a curve per strategy traced by the deadline (or knob)."""
    knob = "/serving/deadline" if "/serving/deadline" in sweep.varying else sweep.varying[0]
    others = [a for a in sweep.varying if a != knob]
    figure, panel = plt.subplots(figsize=(6, 4.2))
    curves = grouped(sweep.summary, lambda r: (r["strategy"], sweep.setting(r, others)),
                     lambda r: r)
    for index, ((strategy, setting), rows) in enumerate(curves.items()):
        at_knob = grouped(rows, lambda r: sweep.x_of(r, knob), lambda r: r)
        knobs = sorted(k for k in at_knob if k is not None)
        latency = [mean_sd([1000 * float(r["latency_p99.9"]) for r in at_knob[k]]) for k in knobs]
        accuracy = [mean_sd([float(r["accuracy"]) for r in at_knob[k]]) for k in knobs]
        label = strategy + (f" ({setting})" if setting else "")
        panel.errorbar([m for m, _ in latency], [m for m, _ in accuracy],
                       xerr=[s for _, s in latency], yerr=[s for _, s in accuracy], label=label,
                       capsize=2, **curve_style(index))
        if index == 0:  # the knob's values, once: on every curve they would pile up
            for k, (x, _), (y, _) in zip(knobs, latency, accuracy):
                panel.annotate(f"{k:g}", (x, y), fontsize=6, xytext=(3, -9),
                               textcoords="offset points")
    panel.set_xscale("log")
    panel.set_xlabel("p99.9 latency (ms, log)")
    panel.set_ylabel("accuracy over queries")
    panel.set_title(f"traced by {axis_label(knob)} (labelled on the first curve)", fontsize=9)
    panel.grid(True, alpha=0.3)
    panel.legend(fontsize=7)
    figure.tight_layout()
    return save(figure, sweep.results, "latency_accuracy")


def per_point_mean(rows, value):
    """{(point, method): mean of value over the point's erasure patterns and tasks}."""
    return {key: sum(v) / len(v) for key, v in
            grouped(rows, lambda r: (r["point"], r["method"]), value).items()}


def degraded_accuracy(sweep):
    """Bars: degraded accuracy per method at each setting, the available accuracy first."""
    rows = sweep.accuracy
    degraded = per_point_mean(rows, lambda r: float(r["degraded"]))
    available = {point: sum(v) / len(v) for point, v in grouped(
        {(r["point"], r["task"]): r for r in rows}.values(),
        lambda r: r["point"], lambda r: float(r["available"])).items()}
    axes = sweep.accuracy_axes()  # a latency axis (rate, say) would only repeat the same bars
    settings = list(OrderedDict.fromkeys(sweep.setting(r, axes) for r in rows))
    point_setting = {r["point"]: sweep.setting(r, axes) for r in rows}
    methods = list(OrderedDict.fromkeys(r["method"] for r in rows))
    series = [("available", lambda s: [a for p, a in available.items() if point_setting[p] == s])]
    for method in methods:
        series.append((method, lambda s, m=method: [
            d for (p, mm), d in degraded.items() if mm == m and point_setting[p] == s]))
    width = 0.8 / len(series)
    figure, panel = plt.subplots(figsize=(min(12, max(6, 0.4 * len(settings) * len(series))), 4.2))
    for index, (name, values_at) in enumerate(series):
        stats = [mean_sd(values_at(s)) if values_at(s) else (0, 0) for s in settings]
        xs = [i + (index - (len(series) - 1) / 2) * width for i in range(len(settings))]
        style = bar_style(index) if name != "available" else dict(
            color="white", edgecolor="black", linewidth=0.8)
        panel.bar(xs, [m for m, _ in stats], width, yerr=[s for _, s in stats], capsize=2,
                  label=name if name != "available" else "available (no erasure)", **style)
    panel.set_xticks(range(len(settings)))
    panel.set_xticklabels([s or "all" for s in settings], fontsize=7, rotation=20, ha="right")
    panel.set_ylabel("accuracy (mean over tasks and erasures)")
    panel.set_ylim(0, 1)
    panel.legend(fontsize=7, ncol=min(4, len(series)), loc="upper center",
                 bbox_to_anchor=(0.5, -0.22))
    panel.grid(True, axis="y", alpha=0.3)
    figure.tight_layout()
    return save(figure, sweep.results, "degraded_accuracy")


def budget_swept(sweep):
    return any(a.startswith("/coding/distillation") for a in sweep.varying)


def accuracy_vs_compute(sweep):
    """Degraded accuracy against construction flops, a curve per method (and other setting)."""
    rows = [r for r in sweep.accuracy if r["construction_flops"]]
    budget_axes = [a for a in sweep.varying if a.startswith("/coding/distillation")]
    others = [a for a in sweep.varying if a not in budget_axes]
    figure, panel = plt.subplots(figsize=(6, 4.2))
    curves = grouped(rows, lambda r: (r["method"], sweep.setting(r, others)), lambda r: r)
    for index, ((method, setting), method_rows) in enumerate(curves.items()):
        degraded = per_point_mean(method_rows, lambda r: float(r["degraded"]))
        flops = {r["point"]: float(r["construction_flops"]) for r in method_rows}
        at_budget = grouped(method_rows, lambda r: sweep.setting(r, budget_axes), lambda r: r["point"])
        points = []
        for budget_points in at_budget.values():
            unique = list(OrderedDict.fromkeys(budget_points))
            points.append((mean_sd([flops[p] for p in unique]),
                           mean_sd([degraded[(p, method)] for p in unique])))
        points.sort(key=lambda p: p[0][0])
        label = method + (f" ({setting})" if setting else "")
        panel.errorbar([f for (f, _), _ in points], [a for _, (a, _) in points],
                       yerr=[s for _, (_, s) in points], label=label, capsize=2,
                       **curve_style(index))
    panel.set_xscale("log")
    panel.set_xlabel("construction compute (flops, log)")
    panel.set_ylabel("degraded accuracy")
    panel.grid(True, alpha=0.3)
    panel.legend(fontsize=7)
    figure.tight_layout()
    return save(figure, sweep.results, "accuracy_vs_compute")


def main(results_dir):
    results = Path(results_dir)
    if not (results / "summary.csv").is_file():
        sys.exit(f"{results}: no summary.csv (run the sweep first, or --merge its shards)")
    sweep = Sweep(results)
    written = []
    if sweep.summary:
        written += latency_cdf(sweep)
        for axis in sweep.varying:
            written += tail_versus(sweep, axis)
        if sweep.varying:
            written += latency_accuracy(sweep)
    methods = {r["method"] for r in sweep.accuracy} - {"default"}
    if methods:
        written += degraded_accuracy(sweep)
        if budget_swept(sweep):
            written += accuracy_vs_compute(sweep)
    for path in written:
        print(path)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
