#!/usr/bin/env python3
"""The benchmark figures docs/performance.md quotes, read from the Google Benchmark reports that
scripts/measure-benchmarks.sh commits (results/reference/simulator-bench.json,
fisher-bench.json), so that no throughput or speed-up in the docs is typed by hand.
analysis/docs_tables.py renders them (kinds bench-simulator, bench-fisher).

A report is Google Benchmark's JSON (--benchmark_out_format=json): its `context` (with the
`machine` and `revision` the script adds) and one entry per benchmark and aggregate; a figure is
the median over the repetitions (the run itself when there was one repetition).
"""
from prose import paragraph

SECONDS_PER = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def arguments(run_name):
    """"batched/lenet5/4096/32" -> ["batched", "lenet5", "4096", "32"]: the benchmark, its
    capture and arguments, without Google Benchmark's settings (iterations:1, manual_time)."""
    return [part for part in run_name.split("/") if ":" not in part and part != "manual_time"]


def medians(report):
    """{run name parts (tuple): (entry, repetitions)} of the median of every benchmark."""
    found = {}
    for entry in report.get("benchmarks", []):
        if entry.get("error_occurred"):
            raise ValueError(f"benchmark {entry['name']} failed: {entry.get('error_message')}")
        key = tuple(arguments(entry["run_name"]))
        if entry["run_type"] == "aggregate" and entry["aggregate_name"] == "median":
            found[key] = (entry, entry["repetitions"])
        elif entry["run_type"] == "iteration" and key not in found:
            found[key] = (entry, 1)
    if not found:
        raise ValueError("the report holds no benchmark")
    return found


def seconds(entry):
    return entry["real_time"] * SECONDS_PER[entry["time_unit"]]


def measured(report, runs, script):
    """Where, when and from which revision: a report without them (a benchmark run by hand,
    without the script's --benchmark_context) is refused rather than quoted as if it had them."""
    context = report.get("context", {})
    missing = [key for key in ("date", "machine", "revision") if not context.get(key)]
    if missing:
        raise ValueError(f"the report's context has no {', '.join(missing)} (run {script})")
    return paragraph(f"Medians of {runs} repetitions, measured {context['date'][:10]} on a "
                     f"{context['machine']} (revision {context['revision']}) by `{script}`.")


def repetitions(found):
    counts = sorted({count for _, count in found.values()})
    return "/".join(str(count) for count in counts)


def simulator(report):
    """Per mode, per query count: wall seconds, queries/s and the child's peak RSS."""
    found = medians(report)
    modes = {"BM_ExecutionOnly": "execution only (`\"network\": \"none\"`)",
             "BM_NetworkModelled": "network modelled (LV08)"}
    counts = sorted({int(key[1]) for key in found if key[0] in modes})
    if not counts:
        raise ValueError("no simulator benchmark in the report")
    header = " | ".join(f"{count:,} queries" for count in counts)
    lines = [f"| mode | {header} | peak RSS ({' / '.join(f'{c // 1000}k' for c in counts)}) |",
             "|---|" + "---|" * (len(counts) + 1)]
    for name, label in modes.items():
        rows = [found.get((name, str(count))) for count in counts]
        if not all(rows):
            raise ValueError(f"{name} lacks a query count of {counts} in the report")
        cells = []
        for count, (entry, _) in zip(counts, rows):
            rate = f"{round(entry['queries_per_s'], -2):,.0f} queries/s"
            rate = f"**{rate}**" if count == counts[0] else rate
            cells.append(f"{seconds(entry):.2f} s, {rate}")
        rss = " / ".join(f"{entry['peak_rss_MB']:.1f}" for entry, _ in rows)
        lines.append(f"| {label} | {' | '.join(cells)} | {rss} MB |")
    return "\n".join(lines + ["", measured(report, repetitions(found),
                                           "scripts/measure-benchmarks.sh")])


def duration(s):
    return f"{s:.2f} s" if s >= 1 else f"{s * 1e3:.1f} ms"


def fisher(report):
    """Per architecture and image count: the fastest batch size of the batched Fisher (the others
    in brackets), the per-sample loop, and the speed-up of the one over the other."""
    found = medians(report)
    names = {"lenet5": "LeNet-5", "mlp": "MLP 784-200-10", "residual_cnn": "residual CNN [8, 16]"}
    lines = ["| model, images | batched | per-sample loop | speed-up |", "|---|---|---|---|"]
    for capture, label in names.items():
        batched = {(int(key[2]), int(key[3])): seconds(entry)
                   for key, (entry, _) in found.items() if key[:2] == ("batched", capture)}
        loops = {int(key[2]): seconds(entry)
                 for key, (entry, _) in found.items() if key[:2] == ("loop", capture)}
        for images in sorted({images for images, _ in batched}):
            by_batch = {batch: s for (n, batch), s in batched.items() if n == images}
            best = min(by_batch, key=by_batch.get)
            others = ", ".join(f"{duration(by_batch[b])} at {b}" for b in sorted(by_batch)
                               if b != best)
            cell = f"**{duration(by_batch[best])}** (batch {best}" + (
                f"; {others})" if others else ")")
            loop = loops.get(images)
            lines.append(f"| {label}, {images:,} | {cell} | "
                         f"{duration(loop) if loop else '—'} | "
                         f"{f'**{loop / by_batch[best]:.0f}×**' if loop else ''} |")
    return "\n".join(lines + ["", measured(report, repetitions(found),
                                           "scripts/measure-benchmarks.sh")])


RENDERERS = {"bench-simulator": simulator, "bench-fisher": fisher}
