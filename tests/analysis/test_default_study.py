"""analysis/default_study.py on two made-up `coinsim run` folders: seeds averaged, strategies in
the scenario's order, COIN against averaging paired per seed, and the reading quoting them."""
import json
import shutil
import tempfile
import unittest
from pathlib import Path

import default_study


def write_run(directory, seed):
    directory.mkdir(parents=True)
    (directory / "scenario.json").write_text(json.dumps(
        {"strategies": [{"name": "none"}, {"name": "coin"}, {"name": "averaging"},
                        {"name": "cheap-backup"}]}))
    def run(servers, p999, accuracy, decoded=0.0, backup=0.0, queries=0.0):
        return {"servers": servers, "latency_p50_s": p999 / 10, "latency_p99_s": p999 / 2,
                "latency_p999_s": p999, "accuracy_task": accuracy, "accuracy_all": accuracy - 0.02,
                "accuracy_query": 0.6, "fraction_tasks_decoded": decoded,
                "fraction_tasks_backup": backup, "fraction_queries_with_decoded_output": queries,
                "fraction_queries_at_deadline": 0.1 * seed * (servers == 2),
                "requests_sent": 1000, "requests_lost": 10 * servers}
    strategies = {"averaging": run(3, 0.008, 0.90, 0.2, 0, 0.4),  # out of order on purpose
                  "none": run(2, 0.012 + 0.002 * seed, 0.92),
                  "coin": run(3, 0.008, 0.91, 0.2, 0, 0.4),
                  "cheap-backup": run(3, 0.001, 0.91, 0, 0.97)}
    table = {"tasks": [{"task": t, "available": {"task": 0.9}} for t in (0, 1)],
             "decoded": [{"method": m, "task": t, "degraded": {"task": v + 0.01 * seed * (m == "coin")},
                          "reconstruction": {"task": 0.95}}
                         for m, v in (("coin", 0.85), ("averaging", 0.86), ("cheap-backup", 0.9),
                                      ("default", 0.2)) for t in (0, 1)]}
    (directory / "summary.json").write_text(json.dumps(
        {"strategies": strategies, "accuracy_table": table}))


class DefaultStudy(unittest.TestCase):

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        for seed in (1, 2):
            write_run(self.dir / f"seed-{seed}", seed)
        self.rows = default_study.study_rows([self.dir / "seed-1", self.dir / "seed-2"])

    def test_seeds_averaged_in_the_scenarios_order(self):
        none = default_study.value(self.rows, "strategy", "none", "p999_ms")
        self.assertAlmostEqual(none["mean"], 15.0)  # 14 and 16 ms
        self.assertAlmostEqual(none["sd"], 2 ** 0.5)
        table = default_study.markdown(self.rows)
        self.assertLess(table.index("| none |"), table.index("| coin |"))
        self.assertLess(table.index("| coin |"), table.index("| averaging |"))
        self.assertNotIn("default degraded", table)

    def test_coin_against_averaging_paired_per_seed(self):
        paired = default_study.value(self.rows, "paired", "coin - averaging degraded", "both tasks")
        self.assertAlmostEqual(paired["mean"], 0.005)  # -0.00 and +0.01
        ahead = default_study.value(self.rows, "paired", "coin ahead", "seeds")
        self.assertEqual(ahead["mean"], 0.5)
        text = " ".join(default_study.reading(self.rows).split())
        self.assertIn("a paired difference of +0.005 ± 0.007 over the 2 seeds, COIN ahead on 1 "
                      "of them", text)
        self.assertIn("cuts p99.9 latency by 47% and the median by 47%", text)  # 8 against 15 ms

    def test_a_harsher_cloud_says_what_the_deadline_and_failures_took(self):
        table = default_study.cloud(self.rows)
        # none: at the deadline 0.1 and 0.2 of its queries; 20 of 1,000 requests lost.
        self.assertIn("| none | 2 | 1.50 ± 0.14 | 7.50 ± 0.71 | 0.920 ± 0.000 | 0.150 ± 0.071 | "
                      "0.020 ± 0.000 |", table)
        text = " ".join(default_study.cloud_reading(self.rows).split())
        self.assertIn("Median latency against `none` (1.5 ms): coin 53%, averaging 53%, "
                      "cheap-backup 7%.", text)
        self.assertIn("The most accurate per task is none (0.920)", text)


if __name__ == "__main__":
    unittest.main()
