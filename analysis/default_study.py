#!/usr/bin/env python3
"""A scenario over several seeds, as docs/results.md and the README quote it: from the folders of
`coinsim run SCENARIO --set /seed=N` (scripts/default-study.sh runs seeds 1-5 of the default
scenario, or of the one it is given), mean and sample sd over the seeds of

  per strategy  servers; p50, p99, p99.9 latency (ms); accuracy per task under the rules `task`
                and `all` and end to end per query; the share of tasks answered by decoding and
                by a backup, and of queries with at least one decoded output; the share of
                queries finalised at the deadline and of requests lost to host failures;
  per task      available accuracy, and each coded method's degraded and reconstruction accuracy
                (decoded vs label; decoded answer = the original model's), rule `task`;
  paired        COIN and averaging, degraded over both tasks, and their difference per seed
                (mean and sd of the differences; "coin ahead": the share of seeds).

  analysis/default_study.py OUT_CSV RUN_DIR...     (prints the Markdown tables on stdout)
"""
import json
import sys
from pathlib import Path

from accuracy_study import write_csv
from prose import paragraph
from seed_statistics import mean_sd

COLUMNS = ["table", "row", "column", "mean", "sd", "seeds"]
STRATEGY_COLUMNS = [("servers", "servers"), ("p50_ms", "p50 (ms)"), ("p99_ms", "p99 (ms)"),
                    ("p999_ms", "p99.9 (ms)"), ("accuracy_task", "accuracy (task)"),
                    ("accuracy_all", "accuracy (all)"), ("accuracy_query", "accuracy per query"),
                    ("fraction_tasks_decoded", "tasks decoded"),
                    ("fraction_tasks_backup", "tasks by a backup"),
                    ("fraction_queries_with_decoded_output", "queries with a decoded output")]


def strategy_values(run):
    return {"servers": run["servers"], "p50_ms": 1000 * run["latency_p50_s"],
            "p99_ms": 1000 * run["latency_p99_s"], "p999_ms": 1000 * run["latency_p999_s"],
            **{key: run[key] for key in ("accuracy_task", "accuracy_all", "accuracy_query",
                                         "fraction_tasks_decoded", "fraction_tasks_backup",
                                         "fraction_queries_with_decoded_output",
                                         "fraction_queries_at_deadline")},
            "fraction_requests_lost": run["requests_lost"] / max(run["requests_sent"], 1)}


def task_values(table):
    """{(row, task): value}: available accuracy and each method's, rule `task`."""
    values = {(("available", t["task"])): t["available"]["task"] for t in table["tasks"]}
    for row in table["decoded"]:
        if row["method"] == "default":
            continue
        values[(f"{row['method']} degraded", row["task"])] = row["degraded"]["task"]
        values[(f"{row['method']} reconstruction", row["task"])] = row["reconstruction"]["task"]
    return values


def paired_values(table):
    """COIN minus averaging, degraded accuracy over both tasks (rule `task`), for one seed."""
    values = task_values(table)
    tasks = [t["task"] for t in table["tasks"]]
    def both(method):
        return sum(values[(f"{method} degraded", t)] for t in tasks) / len(tasks)
    return {"coin degraded": both("coin"), "averaging degraded": both("averaging"),
            "coin - averaging degraded": both("coin") - both("averaging")}


def study_rows(run_dirs):
    collected = {}
    for directory in run_dirs:
        summary = json.loads((Path(directory) / "summary.json").read_text())
        for name, run in summary["strategies"].items():
            for column, value in strategy_values(run).items():
                collected.setdefault(("strategy", name, column), []).append(value)
        for (row, task), value in task_values(summary["accuracy_table"]).items():
            collected.setdefault(("task", row, f"task {task}"), []).append(value)
        for row, value in paired_values(summary["accuracy_table"]).items():
            collected.setdefault(("paired", row, "both tasks"), []).append(value)
        wins = paired_values(summary["accuracy_table"])["coin - averaging degraded"] > 0
        collected.setdefault(("paired", "coin ahead", "seeds"), []).append(float(wins))
    order = strategy_order(run_dirs[0])
    rows = []
    for (table, row, column), values in collected.items():
        mean, sd = mean_sd(values)
        rows.append({"table": table, "row": row, "column": column, "mean": float(mean),
                     "sd": sd, "seeds": len(values)})
    rows.sort(key=lambda r: (r["table"], order.get(r["row"], len(order)) if r["table"] ==
                             "strategy" else 0))
    return rows


def strategy_order(run_dir):
    scenario = json.loads((Path(run_dir) / "scenario.json").read_text())
    return {s["name"]: i for i, s in enumerate(scenario["strategies"])}


def cell(row):
    digits = 2 if row["column"].endswith("_ms") else 0 if row["column"] == "servers" else 3
    text = f"{row['mean']:.{digits}f}"
    return text if row["column"] == "servers" else f"{text} ± {row['sd']:.{digits}f}"


def strategy_table(rows, columns):
    strategies = [r for r in rows if r["table"] == "strategy"]
    lines = ["| strategy | " + " | ".join(label for _, label in columns) + " |",
             "|---" * (len(columns) + 1) + "|"]
    for name in dict.fromkeys(r["row"] for r in strategies):
        cells = {r["column"]: r for r in strategies if r["row"] == name}
        lines.append(f"| {name} | " + " | ".join(cell(cells[c]) for c, _ in columns) + " |")
    return lines


def markdown(rows):
    """The two tables: strategies (latency and accuracy) and tasks (accuracy per method)."""
    lines = strategy_table(rows, STRATEGY_COLUMNS)
    rows = [r for r in rows if r["table"] != "paired"]
    tasks = [r for r in rows if r["table"] == "task"]
    columns = sorted({r["column"] for r in tasks})
    lines += ["", "| accuracy (rule `task`) | " + " | ".join(columns) + " |",
              "|---" * (len(columns) + 1) + "|"]
    for name in dict.fromkeys(r["row"] for r in tasks):
        cells = {r["column"]: r for r in tasks if r["row"] == name}
        lines.append(f"| {name} | " + " | ".join(cell(cells[c]) for c in columns) + " |")
    seeds = sorted({r["seeds"] for r in rows})
    lines += ["", f"(mean ± sd over {'/'.join(map(str, seeds))} seeds)"]
    return "\n".join(lines)


BRIEF_COLUMNS = [("servers", "servers"), ("p999_ms", "p99.9 (ms)"),
                 ("accuracy_task", "accuracy per task (rule `task`)"),
                 ("accuracy_all", "(rule `all`)")]


def brief(rows):
    """The README's table: servers, p99.9 and accuracy per strategy."""
    seeds = sorted({r["seeds"] for r in rows if r["table"] == "strategy"})
    return "\n".join(strategy_table(rows, BRIEF_COLUMNS) + [
        "", f"(mean ± sd over seeds 1–{seeds[-1]}: scripts/default-study.sh; more in "
            "docs/results.md)"])


CLOUD_COLUMNS = [("servers", "servers"), ("p50_ms", "p50 (ms)"), ("p99_ms", "p99 (ms)"),
                 ("accuracy_task", "accuracy (task)"),
                 ("fraction_queries_at_deadline", "queries finalised at the deadline"),
                 ("fraction_requests_lost", "requests lost")]


def cloud(rows):
    """A harsher scenario's table: latency, accuracy, what the deadline and failures took."""
    seeds = sorted({r["seeds"] for r in rows if r["table"] == "strategy"})
    return "\n".join(strategy_table(rows, CLOUD_COLUMNS) + [
        "", f"(mean ± sd over {'/'.join(map(str, seeds))} seeds)"])


def cloud_reading(rows):
    """A harsher scenario in words: each strategy's median and accuracy against `none`."""
    def strategy(name, column):
        return value(rows, "strategy", name, column)
    names = [n for n in dict.fromkeys(r["row"] for r in rows if r["table"] == "strategy")
             if n != "none"]
    none = strategy("none", "p50_ms")["mean"]
    medians = ", ".join(f"{n} {100 * strategy(n, 'p50_ms')['mean'] / none:.0f}%" for n in names)
    best = max(names + ["none"], key=lambda n: strategy(n, "accuracy_task")["mean"])
    spread = max(strategy(n, "accuracy_task")["sd"] for n in names + ["none"])
    return paragraph(f"""
        Median latency against `none` ({none:.1f} ms): {medians}. The most accurate per task is
        {best} ({strategy(best, "accuracy_task")["mean"]:.3f}); `none` is at
        {strategy("none", "accuracy_task")["mean"]:.3f}, finalising
        {100 * strategy("none", "fraction_queries_at_deadline")["mean"]:.0f}% of its queries at
        the deadline. Accuracy varies across seeds by up to {spread:.3f} (sd): a few failures and
        slow episodes decide a run, so compare strategies on the same seed (they share every
        random stream) and average over many.""")


def value(rows, table, row, column):
    return next(r for r in rows if (r["table"], r["row"], r["column"]) == (table, row, column))


def reading(rows):
    """What the default run shows, in words, every number from the rows."""
    def strategy(name, column):
        return value(rows, "strategy", name, column)["mean"]

    def cut(column):
        return 100 * (1 - strategy("coin", column) / strategy("none", column))

    paired = value(rows, "paired", "coin - averaging degraded", "both tasks")
    ahead = value(rows, "paired", "coin ahead", "seeds")
    backup = {t: value(rows, "task", "cheap-backup degraded", f"task {t}") for t in (0, 1)}
    return paragraph(f"""
        What this shows: one coded server cuts p99.9 latency by {cut("p999_ms"):.0f}% and the
        median by {cut("p50_ms"):.0f}% (at this load queueing behind straggling requests
        dominates, and 2-of-3 avoids the slowest queue), for
        {strategy("none", "accuracy_task") - strategy("coin", "accuracy_task"):.3f} of accuracy
        per task under the rule `task`
        ({strategy("none", "accuracy_all") - strategy("coin", "accuracy_all"):.3f} under `all`).
        COIN and plain averaging have identical latency by construction (same servers, same
        random streams) and differ only in the decoded answers: degraded over both tasks,
        {value(rows, "paired", "coin degraded", "both tasks")["mean"]:.3f} against
        {value(rows, "paired", "averaging degraded", "both tasks")["mean"]:.3f}, a paired
        difference of {paired["mean"]:+.3f} ± {paired["sd"]:.3f} over the {paired["seeds"]}
        seeds, COIN ahead on {round(ahead["mean"] * ahead["seeds"])} of them. The cheap backups
        (784-16-10 MLPs, one per task, both on the third server) answer first for
        {100 * strategy("cheap-backup", "fraction_tasks_backup"):.0f}% of tasks and give p99.9 =
        {strategy("cheap-backup", "p999_ms"):.2f} ms,
        {strategy("coin", "p999_ms") / strategy("cheap-backup", "p999_ms"):.0f}× below COIN, at
        accuracy {strategy("cheap-backup", "accuracy_task"):.3f} against COIN's
        {strategy("coin", "accuracy_task"):.3f}; their degraded accuracy is
        {backup[0]["mean"]:.3f} ± {backup[0]["sd"]:.3f} (task 0) and {backup[1]["mean"]:.3f} ±
        {backup[1]["sd"]:.3f} (task 1).""")


def main(arguments):
    if len(arguments) < 2:
        sys.exit(__doc__)
    rows = study_rows(arguments[1:])
    write_csv(rows, arguments[0], COLUMNS)
    print(markdown(rows))


if __name__ == "__main__":
    main(sys.argv[1:])
