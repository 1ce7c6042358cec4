#!/usr/bin/env python3
"""Wall times the docs quote, kept in one committed table (results/reference/timings.csv) so that
no time in README or docs is typed by hand: the measurement scripts record them here, and
analysis/docs_tables.py renders them (kinds timing-default-run, timing-paper-sweeps,
timing-sweep-speedup, timing-accuracy-speedup).

A row per measurement: its name, how many runs, the median and range of their wall seconds, a
note (what the run did, e.g. which models it trained), and where and when it was measured.
Recording a measurement again replaces its row.

  analysis/timings.py record CSV NAME NOTE SECONDS...
  analysis/timings.py context     "machine=...,revision=..." for a Google Benchmark report's
                                  context (scripts/measure-benchmarks.sh)
"""
import csv
import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

from prose import paragraph
from seed_statistics import median

COLUMNS = ["measurement", "runs", "wall_s_median", "wall_s_min", "wall_s_max", "note",
           "machine", "measured_on", "git_revision"]


def machine():
    """"<cores>-core <CPU model>", e.g. "2-core Intel(R) Xeon(R) CPU @ 2.20GHz"."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = " ".join(line.split(":", 1)[1].split())
                break
    except OSError:
        pass
    return f"{os.cpu_count()}-core {model}"


def git_revision():
    """The commit measured, "-modified" when the work tree differs from it."""
    try:
        revision = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], capture_output=True,
                                  text=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                                 capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return revision + ("-modified" if changed else "")


def record(path, name, note, seconds, when=None, where=None, revision=None):
    """Writes (or replaces) the row of measurement `name`, atomically."""
    if not seconds:
        raise ValueError(f"{name}: no runs to record")
    rows = []
    if Path(path).is_file():
        with open(path, newline="") as f:
            rows = [r for r in csv.DictReader(f) if r["measurement"] != name]
    rows.append({"measurement": name, "runs": len(seconds),
                 "wall_s_median": f"{median(seconds):.2f}", "wall_s_min": f"{min(seconds):.2f}",
                 "wall_s_max": f"{max(seconds):.2f}", "note": note,
                 "machine": where or machine(),
                 "measured_on": when or datetime.date.today().isoformat(),
                 "git_revision": revision or git_revision()})
    rows.sort(key=lambda r: r["measurement"])
    temporary = f"{path}.tmp"
    with open(temporary, "w", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    os.replace(temporary, path)


def spread(row):
    if row["runs"] == 1:
        return f"{row['wall_s_median']:.1f} s"
    return (f"{row['wall_s_median']:.1f} s (median of {row['runs']}, "
            f"{row['wall_s_min']:.1f}–{row['wall_s_max']:.1f} s)")


def default_run(rows):
    """The cold and warm wall time of the default run, with where and when."""
    by_name = {r["measurement"]: r for r in rows}
    cold, warm = by_name["default-run-cold"], by_name["default-run-warm"]
    return paragraph(
        f"Wall time of `./build/coinsim run scenarios/default.json` on a {cold['machine']} "
        f"({cold['measured_on']}, `scripts/measure-default-run.sh`): **{spread(cold)} cold** "
        f"({cold['note']}), **{spread(warm)} warm** ({warm['note']}).")


def models_trained(row):
    """The count scripts/paper.sh writes as the note of a paper sweep's row ("3 models")."""
    match = re.fullmatch(r"(\d+) models?", str(row["note"]))
    if not match:
        raise ValueError(f"{row['measurement']}: the note \"{row['note']}\" does not say how many "
                         "models the sweep trained (\"N models\", as scripts/paper.sh writes)")
    return int(match.group(1))


def paper_sweeps(rows):
    """A table of the paper sweeps' wall times, in the order scripts/paper.sh runs them."""
    order = ["tail-vs-rate", "varying-k", "background-load", "deadline", "degraded-accuracy",
             "compute-frontier"]
    sweeps = sorted((r for r in rows if r["measurement"].startswith("paper-")),
                    key=lambda r: order.index(r["measurement"][6:])
                    if r["measurement"][6:] in order else len(order))
    lines = ["| sweep | wall time | models trained (not yet cached) | measured |",
             "|---|---|---|---|"]
    for r in sweeps:
        lines.append(f"| `{r['measurement'][6:]}.json` | {spread(r)} | {models_trained(r)} | "
                     f"{r['measured_on']}, {r['machine']} |")
    return "\n".join(lines)


def speedup_table(rows, runs, script):
    """Wall times of the same work run several ways (`runs`: measurement name -> how it ran, the
    first the baseline), with each one's speed-up: the ratio of the medians."""
    by_name = {r["measurement"]: r for r in rows}
    missing = [name for name in runs if name not in by_name]
    if missing:
        raise ValueError(f"no measurement {', '.join(missing)} (run {script})")
    baseline = by_name[next(iter(runs))]["wall_s_median"]
    lines = ["| run | wall time | speed-up |", "|---|---|---|"]
    for name, how in runs.items():
        row = by_name[name]
        speedup = baseline / row["wall_s_median"]
        shown = "1" if name == next(iter(runs)) else f"**{speedup:.2f}×**"
        lines.append(f"| {how} | {spread(row)} | {shown} |")
    first = by_name[next(iter(runs))]
    lines += ["", paragraph(f"Measured {first['measured_on']} on a {first['machine']} by "
                            f"`{script}`, the runs alternated.")]
    return "\n".join(lines)


def sweep_speedup(rows):
    return speedup_table(rows, {"sweep-jobs-1": "`coinsim sweep … --jobs 1`",
                                "sweep-jobs-2": "`coinsim sweep … --jobs 2`",
                                "sweep-mpi-2": "`mpirun -np 2 coinsim sweep … --jobs 1`"},
                         "scripts/measure-sweep-speedup.sh")


def accuracy_speedup(rows):
    return speedup_table(rows, {"accuracy-one-process": "`coinsim sweep …` (one process)",
                                "accuracy-mpi-2": "`mpirun -np 2 coinsim sweep … --jobs 1`"},
                         "scripts/measure-accuracy-speedup.sh")


RENDERERS = {"timing-default-run": default_run, "timing-paper-sweeps": paper_sweeps,
             "timing-sweep-speedup": sweep_speedup, "timing-accuracy-speedup": accuracy_speedup}


def benchmark_context():
    """The machine and revision as Google Benchmark's --benchmark_context wants them (key=value
    pairs separated by commas, so none inside a value)."""
    return (f"machine={machine().replace(',', ' ')},"
            f"revision={git_revision().replace(',', ' ')}")


def main(arguments):
    if arguments == ["context"]:
        print(benchmark_context())
        return
    if len(arguments) < 5 or arguments[0] != "record":
        sys.exit(__doc__)
    try:
        seconds = [float(s) for s in arguments[4:]]
    except ValueError:
        sys.exit(f"timings.py: seconds must be numbers, got {' '.join(arguments[4:])}")
    record(arguments[1], arguments[2], arguments[3], seconds)


if __name__ == "__main__":
    main(sys.argv[1:])
