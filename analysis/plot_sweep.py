#!/usr/bin/env python3
"""Figures of a sweep, from results/<sweep>/summary.csv and accuracy.csv (`coinsim sweep`).

Each figure is written as PDF and PNG into the sweep's folder, when the sweep has what it needs:

  latency_cdf          per strategy, the latency tail (fraction of queries slower, log scale),
                       one panel per setting (up to 9), its seeds' queries pooled
                                                                          needs: strategies
  tail_vs_<axis>       p99 and p99.9 latency against each swept axis,
                       one curve per strategy                             needs: strategies
  latency_accuracy     accuracy and p99.9 latency against the deadline (or the first swept
                       axis), one curve per strategy                      needs: strategies
  degraded_accuracy    degraded accuracy per construction method and point (k, dataset, ...),
                       the available accuracy as a reference line        needs: accuracy rows
  accuracy_vs_compute  degraded accuracy against construction seconds per method (flops on the
                       top axis), a panel per other setting (architecture, say)
                                                                   needs: a distillation axis

A sweep's sweep.json names the column of every swept path ("/load/rate" in load_rate,
"/serving/deadline" in serving_deadline_s); the rows here are keyed by the paths, and the rows of
accuracy.csv, one per model configuration, are spread back over the points that share it (its
column points). A "/seed" axis is never a curve of
its own: points differing only in seed are averaged, their sample standard deviation drawn as
error bars. Latencies and durations are drawn in ms. The functions that compute what is drawn
(`*_curves`, `*_bars`, `*_panels`) are apart from the drawing, so that tests/analysis checks
them against numbers worked by hand.

usage: analysis/plot_sweep.py RESULTS_DIR [--width column|page] [--style FILE]
"""
import json
from collections import OrderedDict
from pathlib import Path

# figures first: without matplotlib it exits NO_MATPLOTLIB_EXIT, and coinsim tries another Python.
from figures import (InputError, Layout, Looks, fitted_title, fraction_ticks, latency_tail,
                     legend_below, legend_rows, new_figure, plain_log_ticks, read_json,
                     read_table, run, save)
from seed_statistics import mean_sd, median
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullFormatter  # noqa: E402

SEED_AXIS = "/seed"
METHODS_AXIS = "/coding/methods"  # which methods a point builds: not a setting of its own
AXIS_LABELS = {
    "/load/rate": "query rate (queries/s)",
    "/serving/deadline": "deadline (ms)",
    "/background/executions/rate": "background jobs (per host per s)",
    "/stragglers/probability": "straggler probability",
    "/stragglers/slowdown": "straggler slowdown (times)",
    "/coding/distillation/steps": "distillation steps",
    "/coding/r": "r (coded models)",
}
DURATIONS = {"deadline", "delay", "mtbf", "mttr"}  # swept in seconds, drawn in ms
MAX_CDF_PANELS = 9


SUMMARY_COLUMNS = ["point", "seed", "k", "strategy"]
SUMMARY_NUMBERS = ["latency_p99_s", "latency_p999_s", "accuracy"]
ACCURACY_COLUMNS = ["points", "seed", "k", "method", "erased", "task"]
ACCURACY_NUMBERS = ["available", "degraded", "construction_s", "construction_flops"]


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def short(axis):
    return axis.rsplit("/", 1)[-1]


def axis_label(axis):
    return AXIS_LABELS.get(axis, axis + (" (ms)" if short(axis) in DURATIONS else ""))


def axis_scale(axis):
    """What a swept value is multiplied by on the figure: durations are drawn in ms."""
    return 1000.0 if short(axis) in DURATIONS else 1.0


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
        record = read_json(self.results / "sweep.json")
        columns = record.get("columns") if isinstance(record, dict) else None
        if not isinstance(columns, dict) or not isinstance(record.get("axes"), list):
            raise InputError(f"{self.results / 'sweep.json'}: no \"axes\" and \"columns\" (a sweep "
                             "record of an older coinsim? run the sweep again)")
        self.axes = [a for a in record["axes"] if a != SEED_AXIS]
        header, self.summary = read_table(self.results / "summary.csv",
                                          SUMMARY_COLUMNS + [columns[a] for a in self.axes],
                                          SUMMARY_NUMBERS)
        accuracy_header, accuracy = read_table(self.results / "accuracy.csv", ACCURACY_COLUMNS,
                                               ACCURACY_NUMBERS)
        for row in self.summary:
            for axis in self.axes:
                row[axis] = row[columns[axis]]
        self.accuracy = self.per_point(accuracy, accuracy_header, columns, record)
        rows = self.summary + self.accuracy
        self.varying = [a for a in self.axes if len({r[a] for r in rows}) > 1]
        self.k_varies = len({r["k"] for r in rows}) > 1

    def per_point(self, accuracy, header, columns, record):
        """A row per point of each configuration's rows, with the point's swept values: from its
        own column when the models depend on the axis, else the point's row in summary.csv, else
        (a sweep without strategies) as sweep.json wrote it."""
        summary = {r["point"]: r for r in self.summary}
        written = {p["name"]: p["settings"] for p in record.get("points", [])}
        expanded = []
        for row in accuracy:
            for point in row["points"].split():
                if point not in summary and point not in written:
                    raise InputError(f"{self.results / 'accuracy.csv'}: point \"{point}\" is not "
                                     "a point of this sweep (sweep.json)")
                spread = dict(row, point=point)
                for axis in self.axes:
                    if columns[axis] in header:
                        spread[axis] = row[columns[axis]]
                    elif point in summary:
                        spread[axis] = summary[point][axis]
                    else:
                        value = written[point].get(axis)
                        spread[axis] = value if isinstance(value, str) else json.dumps(value)
                expanded.append(spread)
        return expanded

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


def servers_per_strategy(sweep):
    """{strategy: "k+1 servers"} when k varies: servers as a function of k, stated once."""
    if not sweep.k_varies:
        return {}
    by_strategy = grouped(sweep.summary, lambda r: r["strategy"],
                          lambda r: (int(r["k"]), int(r["servers"])))
    stated = {}
    for strategy, pairs in by_strategy.items():
        (k1, s1), (k2, s2) = min(pairs), max(pairs)
        slope = (s2 - s1) // (k2 - k1) if k2 != k1 else 0
        offset = s1 - slope * k1
        if all(s == slope * k + offset for k, s in pairs):
            term = {0: "", 1: "k"}.get(slope, f"{slope}k")
            constant = f"{offset:+d}" if term and offset else (str(offset) if offset else "")
            stated[strategy] = f"{term}{constant} servers"
        else:
            stated[strategy] = "servers vary"
    return stated


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
    return sorted(1000 * float(q["latency_s"]) for point in points
                  for q in read_table(sweep.results / point / f"queries-{strategy}.csv",
                                      ["warmup"], ["latency_s"])[1]
                  if q["warmup"] == "0")


def latency_column(quantile):
    """"p99.9" -> "latency_p999_s"."""
    return f"latency_{quantile.replace('.', '')}_s"


def tail_curves(sweep, axis, quantile):
    """{(strategy, setting): [(x, mean, sd)]}: a quantile of latency (ms) against an axis (drawn
    in its unit), a curve per strategy and setting of the other varying axes, seeds averaged."""
    others = [a for a in sweep.varying if a != axis]
    scale = axis_scale(axis)
    curves = OrderedDict()
    by_curve = grouped(sweep.summary, lambda r: (r["strategy"], sweep.setting(r, others)),
                       lambda r: r)
    for key, rows in by_curve.items():
        at_x = grouped(rows, lambda r: sweep.x_of(r, axis),
                       lambda r: 1000 * float(r[latency_column(quantile)]))
        xs = sorted(x for x in at_x if x is not None)
        curves[key] = [(scale * x, *mean_sd(at_x[x])) for x in xs]
    return curves


def tradeoff_knob(sweep):
    if "/serving/deadline" in sweep.varying:
        return "/serving/deadline"
    return next(a for a in sweep.varying if any(sweep.x_of(r, a) is not None for r in sweep.summary))


def tradeoff_curves(sweep, knob):
    """{(strategy, setting): [(knob value, p99.9 mean, sd (ms), accuracy mean, sd)]}, a curve per
    strategy and setting of the other varying axes, against the knob (in its unit), seeds
    averaged."""
    others = [a for a in sweep.varying if a != knob]
    scale = axis_scale(knob)
    curves = OrderedDict()
    by_curve = grouped(sweep.summary, lambda r: (r["strategy"], sweep.setting(r, others)),
                       lambda r: r)
    for key, rows in by_curve.items():
        at_knob = grouped(rows, lambda r: sweep.x_of(r, knob), lambda r: r)
        curves[key] = [
            (scale * k, *mean_sd([1000 * float(r["latency_p999_s"]) for r in at_knob[k]]),
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
            if s in method_seeds else None for s in settings]
    return settings, series


def budget_axes(sweep):
    return [a for a in sweep.varying if a.startswith("/coding/distillation")]


def compute_panels(sweep):
    """{panel: {method: [(seconds median, flops mean, accuracy mean, accuracy sd)]}}: a panel per
    setting of the varying axes other than the budget (the architecture, say), a curve per method
    through its budgets, seeds averaged, sorted by cost. A method whose cost and accuracy do not
    depend on the budget (COIN) comes out as one point, also when it is built at one budget only
    (/coding/methods zipped with the budget); its seconds, measured on each run, do vary: the
    median over seeds and budgets, as noise only ever adds time."""
    rows = [r for r in sweep.accuracy if r["construction_flops"]]
    budgets = budget_axes(sweep)
    others = [a for a in sweep.varying if a not in budgets and a != METHODS_AXIS]
    degraded = point_means(rows, lambda r: float(r["degraded"]))
    panels = OrderedDict()
    for (panel, method), method_rows in grouped(
            rows, lambda r: (sweep.setting(r, others), r["method"]), lambda r: r).items():
        at_budget = one_per_seed(method_rows, lambda r: sweep.setting(r, budgets))
        by_cost = OrderedDict()  # one point per distinct (flops, accuracy): COIN at every budget
        for seed_rows in at_budget.values():
            flops, _ = mean_sd([float(r["construction_flops"]) for r in seed_rows])
            accuracy = mean_sd([degraded[(r["point"], method)] for r in seed_rows])
            seconds = [float(r["construction_s"] or "nan") for r in seed_rows]
            by_cost.setdefault((flops, *accuracy), []).extend(seconds)
        points = [(median(seconds), flops, mean, sd)
                  for (flops, mean, sd), seconds in by_cost.items()]
        panels.setdefault(panel, OrderedDict())[method] = sorted(points, key=lambda p: p[1])
    return panels


# --- drawing -----------------------------------------------------------------------------------

class CurveLooks:
    """The look of a curve (strategy or method, setting): the name's colour and marker; a second
    setting of the same name keeps the colour and changes dash and marker."""

    VARIANTS = [("--", "s"), (":", "^"), ("-.", "D"), ((0, (1, 1)), "v")]

    def __init__(self):
        self.looks = Looks()
        self.settings = {}

    def curve(self, name, setting="", marker=True):
        style = self.looks.curve(name, marker)
        seen = self.settings.setdefault(name, [])
        if setting not in seen:
            seen.append(setting)
        variant = seen.index(setting)
        if variant:
            line, mark = self.VARIANTS[(variant - 1) % len(self.VARIANTS)]
            style["linestyle"] = line
            if marker:
                style["marker"] = mark
        return style


def ms_ticks(panel_axis, log):
    if log:
        plain_log_ticks(panel_axis)
    else:
        panel_axis.set_major_locator(MaxNLocator(nbins=5))
        panel_axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))


def axis_name(sweep, axis):
    """An axis as a title names it: "k" for a swept list of tasks, else its label's words."""
    if number(sweep.summary[0][axis]) is None:
        return "k"
    return axis_label(axis).split(" (")[0]


def x_axis(sweep, panel, axis):
    """Labels a panel's x axis for a swept axis (k for a list of tasks): log when the values span
    a factor of 10 or more, ticks at the swept values when there are few."""
    if number(sweep.summary[0][axis]) is None:
        panel.set_xlabel("k (tasks)")
        panel.xaxis.set_major_locator(MaxNLocator(integer=True))
        return
    panel.set_xlabel(axis_label(axis))
    values = sorted({axis_scale(axis) * x for x in (sweep.x_of(r, axis) for r in sweep.summary)
                     if x is not None})
    log = values[0] > 0 and values[-1] / values[0] >= 10
    if log:
        panel.set_xscale("log")
    ms_ticks(panel.xaxis, log)
    if len(values) <= 8:
        panel.set_xticks(values)
        panel.xaxis.set_minor_formatter(NullFormatter())
        panel.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))


def wide_range(panel):
    """Log scale for the latency axis only when it spans more than a factor of 20."""
    low, high = panel.dataLim.y0, panel.dataLim.y1
    log = low > 0 and high / low > 20
    if log:
        panel.set_yscale("log")
    ms_ticks(panel.yaxis, log)
    return log


def finish_grid(figure, layout, axes, used, ylabel):
    """A grid of panels finished: the y label on its first column, the panels beyond the used
    ones hidden, one legend below of every curve of every panel."""
    for panel in axes[:, 0]:
        panel.set_ylabel(ylabel)
    for panel in list(axes.flat)[used:]:
        panel.set_visible(False)
    handles = {label: handle for panel in axes.flat
               for handle, label in zip(*panel.get_legend_handles_labels())}
    legend_below(figure, layout, list(handles.values()), list(handles))


def curve_label(strategy, setting, servers):
    return labelled(strategy + (f", {servers[strategy]}" if strategy in servers else ""), setting)


def latency_cdf(sweep, layout):
    """The latency tail of every strategy, a panel per setting, its seeds pooled."""
    panels = cdf_panels(sweep)
    columns = layout.columns(len(panels), most_on_column=2)
    rows_of_panels = (len(panels) + columns - 1) // columns
    strategies = list(OrderedDict.fromkeys(r["strategy"] for r in sweep.summary))
    pooled = {(setting, strategy): pooled_latencies(sweep, points, strategy)
              for setting, points in panels for strategy in strategies
              if any(r["point"] in points and r["strategy"] == strategy for r in sweep.summary)}
    same = identical_strategies(strategies, panels, pooled)
    labels = [s + (f" (same latencies as {same[s]})" if s in same else "") for s in strategies]
    figure, axes = new_figure(layout, rows_of_panels, columns, panel_aspect=0.8,
                              legend_rows=legend_rows(layout, labels), sharey=True)
    looks = CurveLooks()
    for panel, (setting, points) in zip(axes.flat, panels):
        for strategy, label in zip(strategies, labels):
            points = latency_tail(pooled.get((setting, strategy)) or [])
            if points:
                panel.step(*zip(*points), where="post", label=label,
                           **looks.curve(strategy, marker=False))
        panel.set_yscale("log")
        fraction_ticks(panel.yaxis)
        seeds = f"{len(points)} seeds" if len(points) > 1 else ""
        panel.set_title(", ".join(t for t in (setting, seeds) if t) or points[0])
        panel.set_xlabel("latency (ms)")
    finish_grid(figure, layout, axes, len(panels), "queries slower (%)")
    return figure


def identical_strategies(strategies, panels, pooled):
    """{strategy: an earlier one whose pooled latencies are the same in every panel}."""
    same = {}
    for index, strategy in enumerate(strategies):
        for earlier in strategies[:index]:
            if earlier not in same and all(
                    pooled.get((setting, strategy)) == pooled.get((setting, earlier))
                    for setting, _ in panels):
                same[strategy] = earlier
                break
    return same


def tail_versus(sweep, layout, axis):
    """p99 and p99.9 against one swept axis; a curve per strategy and setting of the other axes."""
    servers = servers_per_strategy(sweep)
    curves = {q: tail_curves(sweep, axis, q) for q in ("p99", "p99.9")}
    labels = [curve_label(s, setting, servers) for s, setting in curves["p99"]]
    columns = layout.columns(2)
    figure, axes = new_figure(layout, 2 // columns, columns, panel_aspect=0.45 if columns == 1 else 0.62,
                              legend_rows=legend_rows(layout, labels), sharex=True)
    looks = CurveLooks()
    for panel, quantile in zip(axes.flat, ("p99", "p99.9")):
        for (strategy, setting), label in zip(curves[quantile], labels):
            xs, means, sds = zip(*curves[quantile][(strategy, setting)])
            panel.errorbar(xs, means, yerr=sds, label=label, **looks.curve(strategy, setting))
        log = wide_range(panel)
        panel.set_ylabel(f"{quantile} latency (ms{', log' if log else ''})")
    for panel in axes[-1]:
        x_axis(sweep, panel, axis)
    axes.flat[0].set_title(fitted_title(layout, f"Tail latency against {axis_name(sweep, axis)}",
                                        columns))
    legend_below(figure, layout, *axes.flat[0].get_legend_handles_labels())
    by_k = number(sweep.summary[0][axis]) is None
    return figure, "tail_vs_" + ("k" if by_k else short(axis).replace(".", "_"))


def scoring_rules(rows):
    """The scoring rule(s) the rows' accuracy columns are under, for axis labels."""
    rules = sorted({r.get("scoring") or "task" for r in rows})
    return "scoring " + ", ".join(rules) + (" (per point)" if len(rules) > 1 else "")


def latency_accuracy(sweep, layout):
    """Accuracy and p99.9 latency against the deadline (or knob), a curve per strategy."""
    knob = tradeoff_knob(sweep)
    curves = tradeoff_curves(sweep, knob)
    servers = servers_per_strategy(sweep)
    labels = [curve_label(s, setting, servers) for s, setting in curves]
    columns = layout.columns(2)
    figure, axes = new_figure(layout, 2 // columns, columns, panel_aspect=0.45 if columns == 1 else 0.62,
                              legend_rows=legend_rows(layout, labels), sharex=True)
    accuracy_panel, latency_panel = axes.flat
    looks = CurveLooks()
    for ((strategy, setting), curve), label in zip(curves.items(), labels):
        knobs, latency, latency_sd, accuracy, accuracy_sd = zip(*curve)
        style = looks.curve(strategy, setting)
        accuracy_panel.errorbar(knobs, accuracy, yerr=accuracy_sd, label=label, **style)
        latency_panel.errorbar(knobs, latency, yerr=latency_sd, label=label, **style)
    accuracy_panel.set_ylabel(f"accuracy per task\n({scoring_rules(sweep.summary)})")
    log = wide_range(latency_panel)
    latency_panel.set_ylabel(f"p99.9 latency (ms{', log' if log else ''})")
    for panel in axes[-1]:
        x_axis(sweep, panel, knob)
    if columns == 2:
        x_axis(sweep, accuracy_panel, knob)
    accuracy_panel.set_title(fitted_title(
        layout, f"Accuracy and p99.9 latency against {axis_name(sweep, knob)}", columns))
    legend_below(figure, layout, *accuracy_panel.get_legend_handles_labels())
    return figure


def degraded_accuracy(sweep, layout):
    """Bars: degraded accuracy per method at each setting, zoomed to the data; the accuracy with
    no erasure a reference line over each setting's bars. The default answer (a constant, at
    chance) is left out: it would only stretch the axis."""
    settings, series = degraded_bars(sweep)
    available = series.pop("available")
    series.pop("default", None)
    width = 0.8 / max(1, len(series))
    labels = ["available (no erasure)"] + list(series)
    figure, axes = new_figure(layout, panel_aspect=0.55, legend_rows=legend_rows(layout, labels))
    panel = axes[0][0]
    looks = Looks()
    for i, (mean, _) in enumerate(available):
        panel.hlines(mean, i - 0.45, i + 0.45, colors="black", linestyles="--", linewidth=0.9,
                     label=labels[0] if i == 0 else None, zorder=3)
    low, high = min(m for m, _ in available), max(m for m, _ in available)
    for index, (name, stats) in enumerate(series.items()):
        drawn = [(i, s) for i, s in enumerate(stats) if s is not None]
        xs = [i + (index - (len(series) - 1) / 2) * width for i, _ in drawn]
        panel.bar(xs, [m for _, (m, _) in drawn], width, yerr=[sd for _, (_, sd) in drawn],
                  label=name, **looks.bar(name))
        low = min([low] + [m - sd for _, (m, sd) in drawn])
        high = max([high] + [m + sd for _, (m, sd) in drawn])
    margin = 0.05 * max(high - low, 0.05)
    panel.set_ylim(max(0.0, low - margin), min(1.0, high + margin))
    panel.set_xticks(range(len(settings)))
    rotate = layout.width == "column" and len(settings) > 3
    panel.set_xticklabels([s or "all" for s in settings], rotation=30 if rotate else 0,
                          ha="right" if rotate else "center")
    panel.set_xlabel(", ".join("k" if a.startswith("/tasks") else short(a)
                               for a in sweep.accuracy_axes()) or "every point")
    panel.set_ylabel(f"degraded accuracy\n({scoring_rules(sweep.accuracy)})")
    panel.set_title("Degraded accuracy per method")
    panel.grid(False, axis="x")
    legend_below(figure, layout, *panel.get_legend_handles_labels())
    return figure


def accuracy_vs_compute(sweep, layout):
    """Degraded accuracy against construction seconds, a panel per setting, a curve per method;
    a method of one cost is a point, COIN's with a dotted line at its accuracy, where the
    budgeted methods' curves cross it. Flops on the top axis, at the panel's median rate."""
    panels = compute_panels(sweep)
    methods = list(OrderedDict.fromkeys(m for curves in panels.values() for m in curves))
    columns = layout.columns(len(panels), most_on_column=1)
    rows_of_panels = (len(panels) + columns - 1) // columns
    figure, axes = new_figure(layout, rows_of_panels, columns,
                              panel_aspect=0.5 if columns == 1 else 0.62,
                              legend_rows=legend_rows(layout, methods), sharey=True)
    looks = Looks()
    for panel, (setting, curves) in zip(axes.flat, panels.items()):
        for method in methods:
            points = curves.get(method)
            if not points:
                continue
            seconds, _, means, sds = zip(*points)
            style = looks.curve(method)
            panel.errorbar(seconds, means, yerr=sds, label=method, **style)
            if method == "coin":  # the line the budgeted methods cross
                panel.axhline(means[0], color=style["color"], linestyle=":", linewidth=0.8)
        panel.set_xscale("log")
        plain_log_ticks(panel.xaxis)
        panel.set_xlabel("construction time (s, log)")
        flops_axis(panel, [p for points in curves.values() for p in points])
        panel.set_title(setting or "Degraded accuracy against construction cost")
    finish_grid(figure, layout, axes, len(panels),
                f"degraded accuracy\n({scoring_rules(sweep.accuracy)})")
    return figure


def flops_axis(panel, points):
    """A top axis in flops: seconds times the median flops per second of the panel's points."""
    rates = sorted(flops / seconds for seconds, flops, _, _ in points if seconds > 0)
    if not rates:
        return
    rate = rates[len(rates) // 2]
    top = panel.secondary_xaxis("top", functions=(lambda s: s * rate, lambda f: f / rate))
    top.set_xlabel(f"flops at the median rate ({rate / 1e9:.2g} Gflop/s)")


def main(results_dir, layout=None):
    layout = layout or Layout()
    results = Path(results_dir)
    if not (results / "summary.csv").is_file():
        raise InputError(f"{results}: no summary.csv (run the sweep first, or --merge its shards)")
    sweep = Sweep(results)
    written = []
    for figure, stem in figures(sweep, layout):
        written += save(figure, results, stem)
    for path in written:
        print(path)


def figures(sweep, layout):
    """(figure, file stem) of every figure the sweep has what it needs for."""
    if sweep.summary:
        yield latency_cdf(sweep, layout), "latency_cdf"
        # Curves need a numeric axis (or a list of tasks, drawn against k); an axis of names
        # such as /coding/decoding only splits the other figures' curves.
        numeric = [a for a in sweep.varying
                   if any(sweep.x_of(r, a) is not None for r in sweep.summary)]
        for axis in numeric:
            yield tail_versus(sweep, layout, axis)
        if numeric:
            yield latency_accuracy(sweep, layout), "latency_accuracy"
    methods = {r["method"] for r in sweep.accuracy} - {"default"}
    if methods:
        yield degraded_accuracy(sweep, layout), "degraded_accuracy"
        if budget_axes(sweep):
            yield accuracy_vs_compute(sweep, layout), "accuracy_vs_compute"


if __name__ == "__main__":
    run(main, __doc__)
