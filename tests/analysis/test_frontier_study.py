"""analysis/frontier_study.py on a budget sweep's tables worked by hand: a row per budgeted
method and budget, one row without a budget for a method built once, seeds averaged after each
point's mean over erasure patterns and tasks."""
import csv
import json
import shutil
import tempfile
import unittest
from pathlib import Path

import frontier_study
from plot_sweep import Sweep
from sweep_tables import write_sweep

POINT = ["point", "/model", "/coding/distillation/steps", "/seed", "seed", "k", "r"]


class FrontierStudy(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        columns = POINT + ["method", "erased", "task", "available", "degraded", "degraded_task",
                           "degraded_all", "construction_s", "construction_flops"]
        rows = []
        model = json.dumps({"architecture": "mlp"})
        for steps in (10, 100):
            for seed in (1, 2):
                common = [f"steps={steps}_seed={seed}", model, steps, seed, seed, 2, 1]
                for task in (0, 1):  # two erased tasks: their mean is the point's value
                    learned = 0.5 + steps / 1000 + 0.1 * task + 0.02 * seed
                    rows.append(common + ["learned", task, task, 0.9, learned, learned,
                                          learned - 0.1, 0.01 * steps, 1e6 * steps])
                    if steps == 10:  # COIN built at the first budget only
                        coin = 0.8 + 0.04 * seed
                        rows.append(common + ["coin", task, task, 0.9, coin, coin, 0.7,
                                              1.0 + seed, 5e8])
        write_sweep(self.dir, POINT + ["strategy", "latency_p99_s", "latency_p999_s", "accuracy"],
                    [], columns, rows)

    def test_rows_per_method_and_budget(self):
        rows = frontier_study.frontier_rows(Sweep(self.dir))
        self.assertEqual([(r["method"], r["steps"]) for r in rows],
                         [("coin", ""), ("learned", "10"), ("learned", "100")])
        coin, _, learned = rows
        self.assertEqual(coin["model"], "mlp")
        self.assertAlmostEqual(coin["degraded_task_mean"], 0.86)
        self.assertAlmostEqual(coin["degraded_task_sd"], 0.04 / 2 ** 0.5)
        self.assertAlmostEqual(coin["degraded_all_mean"], 0.7)
        self.assertAlmostEqual(coin["construction_s_median"], 2.5)
        self.assertEqual(coin["seeds"], 2)
        # seed 1: (0.62 + 0.72) / 2 = 0.67; seed 2: 0.69
        self.assertAlmostEqual(learned["degraded_task_mean"], 0.68)
        self.assertAlmostEqual(learned["degraded_all_mean"], 0.58)
        self.assertAlmostEqual(learned["construction_flops"], 1e8)

    def test_markdown_marks_a_method_built_once(self):
        table = frontier_study.markdown(frontier_study.frontier_rows(Sweep(self.dir)))
        self.assertIn("| mlp | coin | — | 0.860 ± 0.028 | 0.700 ± 0.000 | 2.5 | 5e+08 |", table)


if __name__ == "__main__":
    unittest.main()
