"""analysis/paper_study.py: a paper sweep's quoted numbers, seeds averaged as the figures average
them, checked against values worked by hand on a made-up sweep."""
import csv
import shutil
import tempfile
import unittest
from pathlib import Path

import paper_study
from sweep_tables import write_sweep

COLUMNS = ["point", "/serving/deadline", "/seed", "seed", "k", "strategy", "servers",
           "latency_p50_s", "latency_p99_s", "latency_p999_s", "latency_mean_s", "accuracy"]


class PaperStudy(unittest.TestCase):

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        rows = []
        for deadline in (0.002, 0.004):
            for seed in (1, 2):
                point = f"deadline={deadline}_seed={seed}"
                for strategy, servers, scale in (("none", 2, 2.0), ("coin", 3, 1.0)):
                    p999 = scale * deadline * (1 + 0.5 * seed)  # s
                    rows.append([point, deadline, seed, seed, 2, strategy, servers, p999 / 4,
                                 p999 / 2, p999, p999 / 3, 0.8 + 0.01 * seed])
        write_sweep(self.dir, COLUMNS, rows, COLUMNS[:5] + [
            "method", "erased", "task", "available", "degraded", "construction_s",
            "construction_flops"], [
            [f"deadline={d}_seed={s}", d, s, s, 2, "coin", 0, 0, 0.9, 0.7 + 0.1 * s, 1, 1e9]
            for d in (0.002, 0.004) for s in (1, 2)])
        out = self.dir / "study.csv"
        paper_study.main([str(self.dir), str(out)])
        with open(out, newline="") as f:
            self.rows = list(csv.DictReader(f))

    def value(self, series, quantity, x=""):
        (row,) = [r for r in self.rows
                  if r["series"] == series and r["quantity"] == quantity and r["x"] == x]
        return float(row["mean"]), float(row["sd"]), int(row["seeds"])

    def test_latency_in_ms_against_the_deadline_in_ms(self):
        mean, sd, seeds = self.value("coin", "p999_ms", "2")
        self.assertAlmostEqual(mean, 2 * (1.5 + 2.0) / 2)  # 3 ms and 4 ms
        self.assertAlmostEqual(sd, 0.7071068, places=6)
        self.assertEqual(seeds, 2)
        self.assertAlmostEqual(self.value("none", "p50_ms", "4")[0], 8 * 1.75 / 4)
        self.assertEqual(self.value("coin", "servers", "4")[:2], (3.0, 0.0))
        self.assertAlmostEqual(self.value("none", "accuracy", "2")[0], 0.815)

    def test_degraded_accuracy_counts_each_seed_once(self):
        mean, sd, seeds = self.value("coin", "degraded")  # the deadline does not change it
        self.assertAlmostEqual(mean, 0.85)
        self.assertAlmostEqual(sd, 0.0707107, places=6)
        self.assertEqual(seeds, 2)
        self.assertEqual(self.value("available", "available")[:2], (0.9, 0.0))


if __name__ == "__main__":
    unittest.main()
