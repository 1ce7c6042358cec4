#!/usr/bin/env python3
"""The compute-accuracy frontier of docs/results.md, from a budget sweep's accuracy.csv
(`coinsim sweep scenarios/paper/compute-frontier.json`; scripts/paper.sh runs it).

Per architecture (the swept /model), method and distillation budget: degraded accuracy per seed
is the method's mean over every erasure pattern and erased task; the table gives mean ± sample
sd over the seeds under both per-task scoring rules, with the construction wall seconds (the
median over the seeds: noise only ever adds time) and the counted flops. A method whose cost does
not depend on the budget (COIN, the merges) has one
row, with no budget.

  analysis/frontier_study.py RESULTS_DIR OUT_CSV     (prints the Markdown table on stdout)
"""
import sys
from collections import OrderedDict
from pathlib import Path

from accuracy_study import METHODS, write_csv
from seed_statistics import mean_sd, median
from plot_sweep import Sweep, budget_axes, grouped

COLUMNS = ["model", "method", "steps", "seeds", "degraded_task_mean", "degraded_task_sd",
           "degraded_all_mean", "degraded_all_sd", "construction_s_median",
           "construction_flops"]


def frontier_rows(sweep):
    budgets = budget_axes(sweep)
    if len(budgets) != 1:
        sys.exit(f"frontier_study: {sweep.results}: expected one distillation axis, found "
                 f"{budgets or 'none'}")
    steps_axis = budgets[0]
    rows = [r for r in sweep.accuracy if r["construction_flops"]]
    # One value per point and method: the mean over its erasure patterns and tasks.
    per_point = grouped(rows, lambda r: (r["point"], r["method"]), lambda r: r)
    points = []
    for (point, method), point_rows in per_point.items():
        first = point_rows[0]
        points.append({
            "model": sweep.setting(first, ["/model"]), "method": method,
            "steps": first[steps_axis], "seed": first["seed"],
            "task": sum(float(r["degraded_task"]) for r in point_rows) / len(point_rows),
            "all": sum(float(r["degraded_all"]) for r in point_rows) / len(point_rows),
            "seconds": float(first["construction_s"]),
            "flops": float(first["construction_flops"])})
    out = []
    by_method = grouped(points, lambda p: (p["model"], p["method"]), lambda p: p)
    for (model, method), method_points in by_method.items():
        budgeted = len({p["flops"] for p in method_points}) > 1
        at_budget = grouped(method_points, lambda p: p["steps"] if budgeted else "", lambda p: p)
        for steps, seeds in at_budget.items():
            task, all_ = mean_sd([p["task"] for p in seeds]), mean_sd([p["all"] for p in seeds])
            out.append({"model": model, "method": method, "steps": steps, "seeds": len(seeds),
                        "degraded_task_mean": task[0], "degraded_task_sd": task[1],
                        "degraded_all_mean": all_[0], "degraded_all_sd": all_[1],
                        "construction_s_median": median([p["seconds"] for p in seeds]),
                        "construction_flops": mean_sd([p["flops"] for p in seeds])[0]})
    order = {m: i for i, m in enumerate(METHODS)}
    out.sort(key=lambda r: (r["model"], r["steps"] != "", order.get(r["method"], len(order)),
                            float(r["steps"] or 0)))
    return out


def markdown(rows):
    lines = ["| model | method | distillation steps | degraded (task) | degraded (all) | "
             "construction s (median) | flops |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['model']} | {r['method']} | {r['steps'] or '—'} | "
                     f"{r['degraded_task_mean']:.3f} ± {r['degraded_task_sd']:.3f} | "
                     f"{r['degraded_all_mean']:.3f} ± {r['degraded_all_sd']:.3f} | "
                     f"{r['construction_s_median']:.3g} | {r['construction_flops']:.3g} |")
    return "\n".join(lines)


def main(results_dir, out_csv):
    rows = frontier_rows(Sweep(Path(results_dir)))
    seeds = OrderedDict.fromkeys(r["seeds"] for r in rows)
    write_csv(rows, out_csv, COLUMNS)
    print(markdown(rows))
    print(f"\n(seeds per row: {', '.join(map(str, seeds))})")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
