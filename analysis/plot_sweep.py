#!/usr/bin/env python3
"""Figures of a sweep, from results/<sweep>/summary.csv and accuracy.csv (`coinsim sweep`).

Each figure is written as PDF and PNG into the sweep's folder, when the sweep has what it needs:

  latency_cdf          per strategy, the tail of the latency distribution (1 - CDF, log scale),
                       one panel per setting (up to 9), its seeds' queries pooled
                                                                          needs: strategies
  tail_vs_<axis>       p99 and p99.9 latency against each swept axis,
                       one curve per strategy                             needs: strategies
  latency_accuracy     p99.9 latency against accuracy, one curve per strategy, traced by the
                       deadline (or the first swept axis)                 needs: strategies
  degraded_accuracy    degraded accuracy per construction method and point (k, dataset, ...),
                       with the available accuracy as reference          needs: accuracy rows
  accuracy_vs_compute  degraded accuracy against construction flops per method (COIN against
                       the learned model at several budgets), a panel per other setting
                       (architecture, say)                         needs: a distillation axis

Columns named by a JSON path ("/load/rate") are swept values. A "/seed" axis is never a curve of
its own: points differing only in seed are averaged, their sample standard deviation drawn as
error bars. The functions that compute what is drawn (`*_curves`, `*_bars`, `*_panels`) are
apart from the drawing, so that tests/analysis checks them against numbers worked by hand.

usage: /usr/bin/python3 analysis/plot_sweep.py results/<sweep>
"""
import json
from collections import OrderedDict
from pathlib import Path

from matplotlib.ticker import MaxNLocator

from figures import (InputError, bar_style, curve_style, mean_sd, plain_log_ticks, plt, read_table,
                     run, save)

SEED_AXIS = "/seed"
METHODS_AXIS = "/coding/methods"  # which methods a point builds: not a setting of its own
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


SUMMARY_COLUMNS = ["point", "seed", "k", "strategy"]
SUMMARY_NUMBERS = ["latency_p99", "latency_p99.9", "accuracy"]
ACCURACY_COLUMNS = ["point", "seed", "k", "method", "erased", "task"]
ACCURACY_NUMBERS = ["available", "degraded", "construction_flops"]


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def short(axis):
    return axis.rsplit("/", 1)[-1]


def axis_label(axis):
    return AXIS_LABELS.get(axis, axis)


def grouped(rows, key, value):
    """{key: [values]} in first-seen order."""
    groups = OrderedDict()
    for row in rows:
        groups.setdefault(key(row), []).append(value(row))
    return groups


def one_per_seed(rows, key):
    """{key: [rows]} keeping one row per seed: points that differ only in an axis that does not
    change the value (the query rate, for accuracy) would otherwise count one seed many times."""
    groups = OrderedDict()
    for row in rows:
        groups.setdefault(key(row), OrderedDict()).setdefault(row["seed"], row)
    return OrderedDict((k, list(by_seed.values())) for k, by_seed in groups.items())


class Sweep:
    """The swept axes of a sweep's tables and how its points group once seeds are averaged."""

    def __init__(self, results):
        self.results = Path(results)
        header, self.summary = read_table(self.results / "summary.csv", SUMMARY_COLUMNS,
                                          SUMMARY_NUMBERS)
        accuracy_header, self.accuracy = read_table(self.results / "accuracy.csv",
                                                    ACCURACY_COLUMNS, ACCURACY_NUMBERS)
        self.axes = [c for c in header if c.startswith("/") and c != SEED_AXIS]
        for axis in self.axes:
            if axis not in accuracy_header:
                raise InputError(f"{self.results / 'accuracy.csv'}: no column \"{axis}\" (the "
                                 "swept axes of summary.csv)")
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


def labelled(strategy, setting):
    return strategy + (f" ({setting})" if setting else "")


# --- what is drawn -----------------------------------------------------------------------------

def cdf_panels(sweep):
    """[(title, [point, ...])]: a panel per setting of the swept axes, with all its seeds' points;
    at most MAX_CDF_PANELS, evenly spread over the settings."""
    groups = grouped(sweep.summary, lambda r: sweep.setting(r, sweep.axes), lambda r: r["point"])
    panels = [(setting, list(OrderedDict.fromkeys(points))) for setting, points in groups.items()]
    if len(panels) > MAX_CDF_PANELS:
        step = (len(panels) - 1) / (MAX_CDF_PANELS - 1)
        panels = [panels[round(i * step)] for i in range(MAX_CDF_PANELS)]
    return panels


def pooled_latencies(sweep, points, strategy):
    """The measured (non-warm-up) latencies in ms of a strategy over some points, sorted."""
    return sorted(1000 * float(q["latency"]) for point in points
                  for q in read_table(sweep.results / point / f"queries-{strategy}.csv",
                                      ["warmup"], ["latency"])[1]
                  if q["warmup"] == "0")


def tail_curves(sweep, axis, quantile):
    """{label: [(x, mean, sd)]}: a quantile of latency (ms) against an axis, one curve per
    strategy and setting of the other varying axes, the seeds of each x averaged."""
    others = [a for a in sweep.varying if a != axis]
    curves = OrderedDict()
    by_curve = grouped(sweep.summary, lambda r: (r["strategy"], sweep.setting(r, others)),
                       lambda r: r)
    for (strategy, setting), rows in by_curve.items():
        at_x = grouped(rows, lambda r: sweep.x_of(r, axis),
                       lambda r: 1000 * float(r[f"latency_{quantile}"]))
        xs = sorted(x for x in at_x if x is not None)
        curves[labelled(strategy, setting)] = [(x, *mean_sd(at_x[x])) for x in xs]
    return curves


def tradeoff_knob(sweep):
    if "/serving/deadline" in sweep.varying:
        return "/serving/deadline"
    return next(a for a in sweep.varying if any(sweep.x_of(r, a) is not None for r in sweep.summary))


def tradeoff_curves(sweep, knob):
    """{label: [(knob value, p99.9 mean, sd (ms), accuracy mean, sd)]}, one curve per strategy
    and setting of the other varying axes, traced by the knob, seeds averaged."""
    others = [a for a in sweep.varying if a != knob]
    curves = OrderedDict()
    by_curve = grouped(sweep.summary, lambda r: (r["strategy"], sweep.setting(r, others)),
                       lambda r: r)
    for (strategy, setting), rows in by_curve.items():
        at_knob = grouped(rows, lambda r: sweep.x_of(r, knob), lambda r: r)
        curves[labelled(strategy, setting)] = [
            (k, *mean_sd([1000 * float(r["latency_p99.9"]) for r in at_knob[k]]),
             *mean_sd([float(r["accuracy"]) for r in at_knob[k]]))
            for k in sorted(k for k in at_knob if k is not None)]
    return curves


def point_means(rows, value):
    """{(point, method): mean of value over the point's erasure patterns and tasks}."""
    return {key: sum(v) / len(v) for key, v in
            grouped(rows, lambda r: (r["point"], r["method"]), value).items()}


def degraded_bars(sweep):
    """(settings, {series: [(mean, sd) per setting]}): "available" first, then every method.
    A point's value is its mean over erasure patterns and tasks; a bar is the mean over the
    setting's seeds. Settings are those of the axes that change accuracy."""
    rows = sweep.accuracy
    axes = sweep.accuracy_axes()  # a latency axis (the rate, say) would only repeat the bars
    setting_of = lambda r: sweep.setting(r, axes)  # noqa: E731
    settings = list(OrderedDict.fromkeys(setting_of(r) for r in rows))
    degraded = point_means(rows, lambda r: float(r["degraded"]))
    per_task = {(r["point"], r["task"]): float(r["available"]) for r in rows}
    available = {p: sum(v) / len(v) for p, v in grouped(
        per_task.items(), lambda item: item[0][0], lambda item: item[1]).items()}
    seeds = one_per_seed(rows, setting_of)
    series = OrderedDict()
    series["available"] = [mean_sd([available[r["point"]] for r in seeds[s]]) for s in settings]
    for method in OrderedDict.fromkeys(r["method"] for r in rows):
        method_seeds = one_per_seed([r for r in rows if r["method"] == method], setting_of)
        series[method] = [
            mean_sd([degraded[(r["point"], method)] for r in method_seeds[s]])
            if s in method_seeds else (0.0, 0.0) for s in settings]
    return settings, series


def budget_axes(sweep):
    return [a for a in sweep.varying if a.startswith("/coding/distillation")]


def compute_panels(sweep):
    """{panel: {method: [(flops mean, accuracy mean, accuracy sd)]}}: a panel per setting of the
    varying axes other than the budget (the architecture, say), a curve per method through its
    budgets, seeds averaged, sorted by cost. A method whose cost and accuracy do not depend on
    the budget (COIN) comes out as one point, also when it is built at one budget only
    (/coding/methods zipped with the budget)."""
    rows = [r for r in sweep.accuracy if r["construction_flops"]]
    budgets = budget_axes(sweep)
    others = [a for a in sweep.varying if a not in budgets and a != METHODS_AXIS]
    degraded = point_means(rows, lambda r: float(r["degraded"]))
    panels = OrderedDict()
    for (panel, method), method_rows in grouped(
            rows, lambda r: (sweep.setting(r, others), r["method"]), lambda r: r).items():
        at_budget = one_per_seed(method_rows, lambda r: sweep.setting(r, budgets))
        points = []
        for seed_rows in at_budget.values():
            flops, _ = mean_sd([float(r["construction_flops"]) for r in seed_rows])
            point = (flops, *mean_sd([degraded[(r["point"], method)] for r in seed_rows]))
            if point not in points:
                points.append(point)
        panels.setdefault(panel, OrderedDict())[method] = sorted(points)
    return panels


# --- drawing -----------------------------------------------------------------------------------

def latency_cdf(sweep):
    """The latency tail of every strategy, a panel per setting, its seeds pooled."""
    panels = cdf_panels(sweep)
    columns = min(3, len(panels))
    rows_of_panels = (len(panels) + columns - 1) // columns
    figure, axes = plt.subplots(rows_of_panels, columns, figsize=(4 * columns, 3.2 * rows_of_panels),
                                squeeze=False, sharey=True)
    for panel, (setting, points) in zip(axes.flat, panels):
        strategies = OrderedDict.fromkeys(r["strategy"] for r in sweep.summary
                                          if r["point"] in points)
        for index, strategy in enumerate(strategies):
            latencies = pooled_latencies(sweep, points, strategy)
            n = len(latencies)
            style = curve_style(index)
            style.pop("marker")
            panel.plot(latencies, [1 - i / n for i in range(n)], label=strategy, **style)
        panel.set_yscale("log")
        seeds = f"{len(points)} seeds pooled" if len(points) > 1 else ""
        panel.set_title(", ".join(t for t in (setting, seeds) if t) or points[0], fontsize=8)
        panel.set_xlabel("latency (ms)")
        panel.grid(True, alpha=0.3)
    for panel in axes[:, 0]:
        panel.set_ylabel("fraction slower (log)")
    for panel in list(axes.flat)[len(panels):]:
        panel.set_visible(False)
    axes.flat[0].legend(fontsize=7)
    figure.tight_layout()
    return save(figure, sweep.results, "latency_cdf")


def tail_versus(sweep, axis):
    """p99 and p99.9 against one swept axis; a curve per strategy and setting of the other axes."""
    by_k = number(sweep.summary[0][axis]) is None  # a swept list of tasks plots against k
    figure, panels = plt.subplots(1, 2, figsize=(10, 3.8))
    for panel, quantile in zip(panels, ("p99", "p99.9")):
        for index, (label, curve) in enumerate(tail_curves(sweep, axis, quantile).items()):
            xs, means, sds = zip(*curve)
            panel.errorbar(xs, means, yerr=sds, label=label, capsize=2, **curve_style(index))
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


def scoring_rules(rows):
    """The scoring rule(s) the rows' accuracy columns are under, for axis labels."""
    rules = sorted({r.get("scoring") or "task" for r in rows})
    return "scoring " + ", ".join(rules) + (" (per point)" if len(rules) > 1 else "")


def wide_range(panel):
    """Log scale for the latency axis only when it spans more than a factor of 20."""
    low, high = panel.dataLim.y0, panel.dataLim.y1
    if low > 0 and high / low > 20:
        panel.set_yscale("log")
        plain_log_ticks(panel.yaxis)
        return True
    return False


def latency_accuracy(sweep):
    """p99.9 latency against accuracy, a curve per strategy traced by the deadline (or knob)."""
    knob = tradeoff_knob(sweep)
    figure, panel = plt.subplots(figsize=(6, 4.2))
    for index, (label, curve) in enumerate(tradeoff_curves(sweep, knob).items()):
        knobs, latency, latency_sd, accuracy, accuracy_sd = zip(*curve)
        panel.errorbar(latency, accuracy, xerr=latency_sd, yerr=accuracy_sd, label=label,
                       capsize=2, **curve_style(index))
        if index == 0:  # the knob's values, once: on every curve they would pile up
            for k, x, y in zip(knobs, latency, accuracy):
                panel.annotate(f"{k:g}", (x, y), fontsize=6, xytext=(4, -10),
                               textcoords="offset points")
    panel.set_xscale("log")
    plain_log_ticks(panel.xaxis)
    panel.set_xlabel("p99.9 latency (ms, log)")
    panel.set_ylabel(f"accuracy per task ({scoring_rules(sweep.summary)})")
    panel.set_title(f"traced by {axis_label(knob)}: values on the first curve", fontsize=9)
    panel.grid(True, alpha=0.3)
    panel.legend(fontsize=7)
    figure.tight_layout()
    return save(figure, sweep.results, "latency_accuracy")


def degraded_accuracy(sweep):
    """Bars: degraded accuracy per method at each setting, the available accuracy first."""
    settings, series = degraded_bars(sweep)
    width = 0.8 / len(series)
    figure, panel = plt.subplots(figsize=(min(12, max(6, 0.4 * len(settings) * len(series))), 4.2))
    for index, (name, stats) in enumerate(series.items()):
        xs = [i + (index - (len(series) - 1) / 2) * width for i in range(len(settings))]
        available = name == "available"
        style = dict(color="white", edgecolor="black", linewidth=0.8) if available \
            else bar_style(index)
        panel.bar(xs, [m for m, _ in stats], width, yerr=[s for _, s in stats], capsize=2,
                  label="available (no erasure)" if available else name, **style)
    panel.set_xticks(range(len(settings)))
    panel.set_xticklabels([s or "all" for s in settings], fontsize=7, rotation=20, ha="right")
    panel.set_ylabel(f"accuracy (mean over tasks and erasures;\n{scoring_rules(sweep.accuracy)})")
    panel.set_ylim(0, 1)
    panel.legend(fontsize=7, ncol=min(4, len(series)), loc="upper center",
                 bbox_to_anchor=(0.5, -0.22))
    panel.grid(True, axis="y", alpha=0.3)
    figure.tight_layout()
    return save(figure, sweep.results, "degraded_accuracy")


def accuracy_vs_compute(sweep):
    """Degraded accuracy against construction flops, a panel per setting, a curve per method;
    a method of one cost (COIN) is a point with a dotted line at its accuracy, where the
    budgeted methods' curves cross it."""
    panels = compute_panels(sweep)
    figure, axes = plt.subplots(1, len(panels), figsize=(5.5 * len(panels), 4.2), squeeze=False,
                                sharey=True)
    for panel, (setting, curves) in zip(axes.flat, panels.items()):
        for index, (method, points) in enumerate(curves.items()):
            flops, means, sds = zip(*points)
            style = curve_style(index)
            panel.errorbar(flops, means, yerr=sds, label=method, capsize=2, **style)
            if len(points) == 1:
                panel.axhline(means[0], color=style["color"], linestyle=":", linewidth=0.9)
        panel.set_xscale("log")
        panel.set_xlabel("construction compute (flops, log)")
        panel.set_title(setting, fontsize=9)
        panel.grid(True, alpha=0.3)
        panel.legend(fontsize=7, loc="lower right")
    axes.flat[0].set_ylabel(f"degraded accuracy (mean over tasks\nand erasures; {scoring_rules(sweep.accuracy)})")
    figure.tight_layout()
    return save(figure, sweep.results, "accuracy_vs_compute")


def main(results_dir):
    results = Path(results_dir)
    if not (results / "summary.csv").is_file():
        raise InputError(f"{results}: no summary.csv (run the sweep first, or --merge its shards)")
    sweep = Sweep(results)
    written = []
    if sweep.summary:
        written += latency_cdf(sweep)
        # Curves need a numeric axis (or a list of tasks, drawn against k); an axis of names
        # such as /coding/decoding only splits the other figures' curves.
        numeric = [a for a in sweep.varying
                   if any(sweep.x_of(r, a) is not None for r in sweep.summary)]
        for axis in numeric:
            written += tail_versus(sweep, axis)
        if numeric:
            written += latency_accuracy(sweep)
    methods = {r["method"] for r in sweep.accuracy} - {"default"}
    if methods:
        written += degraded_accuracy(sweep)
        if budget_axes(sweep):
            written += accuracy_vs_compute(sweep)
    for path in written:
        print(path)


if __name__ == "__main__":
    run(main, __doc__)
