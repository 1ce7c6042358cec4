"""analysis/benchmarks.py: the docs' benchmark tables read the medians out of Google Benchmark
JSON reports (hand-written here in its format), convert units, and refuse failed or empty
reports."""
import json
import tempfile
import unittest
from pathlib import Path

import benchmarks
import docs_tables

CONTEXT = {"date": "2026-12-03T16:00:00+00:00", "machine": "2-core test CPU", "revision": "abc"}


def median(name, real_time, unit, **counters):
    """One median aggregate entry as Google Benchmark writes it (3 repetitions)."""
    return {"name": f"{name}_median", "run_name": name, "run_type": "aggregate",
            "aggregate_name": "median", "repetitions": 3, "real_time": real_time,
            "time_unit": unit, **counters}


def mean(name, real_time, unit):
    return {**median(name, real_time, unit), "name": f"{name}_mean", "aggregate_name": "mean"}


def simulator_report():
    entries = []
    for mode, times in (("BM_ExecutionOnly", (2.0, 8.0)), ("BM_NetworkModelled", (4.0, 16.0))):
        for queries, s in zip((100000, 400000), times):
            name = f"{mode}/{queries}/iterations:1/manual_time"
            entries += [mean(name, 99.0, "s"),
                        median(name, s, "s", queries_per_s=queries / s, peak_rss_MB=34.56)]
    return {"context": CONTEXT, "benchmarks": entries}


class Benchmarks(unittest.TestCase):

    def test_simulator_rows_are_the_medians_not_the_means(self):
        lines = benchmarks.simulator(simulator_report()).split("\n")
        self.assertEqual(lines[0], "| mode | 100,000 queries | 400,000 queries | "
                                   "peak RSS (100k / 400k) |")
        self.assertEqual(lines[2], "| execution only (`\"network\": \"none\"`) | 2.00 s, "
                                   "**50,000 queries/s** | 8.00 s, 50,000 queries/s | "
                                   "34.6 / 34.6 MB |")
        self.assertEqual(lines[3], "| network modelled (LV08) | 4.00 s, **25,000 queries/s** | "
                                   "16.00 s, 25,000 queries/s | 34.6 / 34.6 MB |")
        self.assertEqual(" ".join(lines[5:]), "Medians of 3 repetitions, measured 2026-12-03 on "
                         "a 2-core test CPU (revision abc) by `scripts/measure-benchmarks.sh`.")

    def test_fisher_picks_the_fastest_batch_and_converts_units(self):
        report = {"context": CONTEXT, "benchmarks": [
            median("batched/lenet5/4096/32", 1240.0, "ms"),
            median("batched/lenet5/4096/64", 1460.0, "ms"),
            median("loop/lenet5/4096/1/iterations:1", 14.9, "s"),
            median("batched/mlp/1000/256", 8800.0, "us"),
            median("batched/residual_cnn/1000/64", 2060.0, "ms")]}
        lines = benchmarks.fisher(report).split("\n")
        self.assertEqual(lines[2], "| LeNet-5, 4,096 | **1.24 s** (batch 32; 1.46 s at 64) | "
                                   "14.90 s | **12×** |")
        self.assertEqual(lines[3], "| MLP 784-200-10, 1,000 | **8.8 ms** (batch 256) | — |  |")
        self.assertEqual(lines[4], "| residual CNN [8, 16], 1,000 | **2.06 s** (batch 64) | — |  |")

    def test_one_repetition_is_read_from_the_run_itself(self):
        run = {**median("batched/mlp/1000/256", 9.0, "ms"), "run_type": "iteration",
               "name": "batched/mlp/1000/256"}
        found = benchmarks.medians({"benchmarks": [run]})
        self.assertEqual(found[("batched", "mlp", "1000", "256")], (run, 1))

    def test_a_failed_benchmark_is_refused_by_name(self):
        failed = {**median("BM_ExecutionOnly/100000", 1.0, "s"), "error_occurred": True,
                  "error_message": "coinsim-simulate failed"}
        with self.assertRaisesRegex(ValueError, "BM_ExecutionOnly/100000_median failed: "
                                                "coinsim-simulate failed"):
            benchmarks.medians({"benchmarks": [failed]})

    def test_a_report_without_machine_or_revision_is_refused(self):
        report = simulator_report()
        report["context"] = {"date": CONTEXT["date"], "machine": "2-core test CPU"}
        with self.assertRaisesRegex(ValueError, "context has no revision \\(run "
                                                "scripts/measure-benchmarks.sh\\)"):
            benchmarks.simulator(report)

    def test_an_empty_report_is_refused(self):
        with self.assertRaisesRegex(ValueError, "no benchmark"):
            benchmarks.simulator({"context": CONTEXT, "benchmarks": []})

    def test_docs_tables_renders_a_json_report_from_its_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "simulator-bench.json"
            path.write_text(json.dumps(simulator_report()))
            self.assertEqual(docs_tables.read_report(path), simulator_report())
            path.write_text("{")
            with self.assertRaisesRegex(docs_tables.DocsError, "simulator-bench.json: not JSON"):
                docs_tables.read_report(path)


if __name__ == "__main__":
    unittest.main()
