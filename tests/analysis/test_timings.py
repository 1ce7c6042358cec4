"""analysis/timings.py: a measurement's row is written, replaced when measured again, and read out
as the docs quote it."""
import csv
import tempfile
import unittest
from pathlib import Path

import docs_tables
import timings


class Timings(unittest.TestCase):

    def test_recording_again_replaces_the_row_and_keeps_the_others(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "timings.csv"
            where = {"when": "2026-12-03", "where": "2-core test CPU", "revision": "abc"}
            timings.record(path, "default-run-warm", "cache hit", [3.3, 2.9, 31.0], **where)
            timings.record(path, "default-run-cold", "trains", [6.0], **where)
            timings.record(path, "default-run-warm", "cache hit", [2.5, 2.7, 2.6], **where)
            with open(path, newline="") as f:
                rows = list(csv.DictReader(f))
            self.assertEqual([r["measurement"] for r in rows],
                             ["default-run-cold", "default-run-warm"])
            warm = rows[1]
            self.assertEqual((warm["runs"], warm["wall_s_median"], warm["wall_s_min"],
                              warm["wall_s_max"]), ("3", "2.60", "2.50", "2.70"))
            self.assertEqual(list(rows[0]), timings.COLUMNS)
            text = " ".join(timings.default_run(docs_tables.read_rows(path)).split())
        self.assertEqual(text, "Wall time of `./build/coinsim run scenarios/default.json` on a "
                               "2-core test CPU (2026-12-03, `scripts/measure-default-run.sh`): "
                               "**6.0 s cold** (trains), **2.6 s (median of 3, 2.5–2.7 s) warm** "
                               "(cache hit).")

    def test_the_median_ignores_one_slow_run(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "timings.csv"
            timings.record(path, "x", "", [3.3, 2.9, 31.0], when="d", where="m", revision="r")
            row = docs_tables.read_rows(path)[0]
        self.assertEqual(row["wall_s_median"], 3.3)

    def test_paper_sweeps_in_the_order_they_run(self):
        rows = [{"measurement": name, "runs": 1, "wall_s_median": seconds, "wall_s_min": seconds,
                 "wall_s_max": seconds, "note": note, "machine": "m", "measured_on": "d"}
                for name, seconds, note in (("paper-deadline", 53.0, "3 models"),
                                            ("paper-tail-vs-rate", 34.0, "6 models"),
                                            ("default-run-cold", 6.0, ""))]
        lines = timings.paper_sweeps(rows).split("\n")
        self.assertEqual(lines[2], "| `tail-vs-rate.json` | 34.0 s | 6 | d, m |")
        self.assertEqual(lines[3], "| `deadline.json` | 53.0 s | 3 | d, m |")
        self.assertEqual(len(lines), 4)
        rows[0]["note"] = "whole sweep"
        with self.assertRaisesRegex(ValueError, "paper-deadline: the note \"whole sweep\" does "
                                                "not say how many models"):
            timings.paper_sweeps(rows)

    def test_speedups_are_ratios_of_the_medians(self):
        rows = [{"measurement": name, "runs": 3, "wall_s_median": median, "wall_s_min": low,
                 "wall_s_max": high, "note": "", "machine": "m", "measured_on": "d"}
                for name, median, low, high in (("sweep-jobs-1", 30.0, 29.0, 31.0),
                                                ("sweep-jobs-2", 16.0, 15.5, 17.0),
                                                ("sweep-mpi-2", 16.4, 16.0, 20.0))]
        lines = timings.sweep_speedup(rows).split("\n")
        self.assertEqual(lines[2], "| `coinsim sweep … --jobs 1` | 30.0 s (median of 3, "
                                   "29.0–31.0 s) | 1 |")
        self.assertEqual(lines[3], "| `coinsim sweep … --jobs 2` | 16.0 s (median of 3, "
                                   "15.5–17.0 s) | **1.88×** |")
        self.assertEqual(lines[4], "| `mpirun -np 2 coinsim sweep … --jobs 1` | 16.4 s (median "
                                   "of 3, 16.0–20.0 s) | **1.83×** |")
        self.assertEqual(lines[6], "Measured d on a m by `scripts/measure-sweep-speedup.sh`, the "
                                   "runs alternated.")
        with self.assertRaisesRegex(ValueError, "no measurement accuracy-one-process, "
                                                "accuracy-mpi-2"):
            timings.accuracy_speedup(rows)

    def test_nothing_to_record_is_refused(self):
        with self.assertRaises(ValueError):
            timings.record("unused.csv", "x", "", [])


if __name__ == "__main__":
    unittest.main()
