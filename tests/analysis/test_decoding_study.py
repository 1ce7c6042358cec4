"""analysis/decoding_study.py on made-up coin.json pairs worked by hand: logit minus probability
per seed, averaged over patterns and tasks first, and a paired t-test at 95%."""
import json
import shutil
import tempfile
import unittest
from pathlib import Path

import decoding_study


def write_report(folder, degraded):
    """coin.json with, per method, two rows (tasks) whose per-seed values are given."""
    folder.mkdir(parents=True)
    rows = [{"method": method, "degraded": {"task": {"values": values}}}
            for method, per_task in degraded.items() for values in per_task]
    (folder / "coin.json").write_text(json.dumps({"seeds": [1, 2, 3], "rows": rows}))


class DecodingStudy(unittest.TestCase):

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        write_report(self.dir / "p" / "s-probability",
                     {"coin": [[0.80, 0.82, 0.84], [0.90, 0.90, 0.90]],
                      "learned": [[0.9, 0.9, 0.9], [0.9, 0.9, 0.9]],
                      "default": [[0.2, 0.2, 0.2], [0.2, 0.2, 0.2]]})
        write_report(self.dir / "l" / "s-logit",  # coin +0.02 on task 0 every seed
                     {"coin": [[0.82, 0.84, 0.86], [0.90, 0.90, 0.90]],
                      "learned": [[0.95, 0.85, 0.9], [0.9, 0.9, 0.9]],
                      "default": [[0.2, 0.2, 0.2], [0.2, 0.2, 0.2]]})
        self.rows = decoding_study.study_rows(self.dir / "p", self.dir / "l")

    def test_paired_differences_and_their_significance(self):
        coin, learned = self.rows  # the default answer is not decoded: no row
        self.assertEqual((coin["method"], coin["seeds"]), ("coin", 3))
        self.assertAlmostEqual(coin["logit_minus_probability_mean"], 0.01)  # 0.02 over 2 tasks
        self.assertAlmostEqual(coin["logit_minus_probability_sd"], 0.0)
        self.assertEqual(coin["significant"], 1)
        self.assertAlmostEqual(learned["logit_minus_probability_mean"], 0.0)
        self.assertEqual(learned["significant"], 0)  # +0.025, -0.025, 0: noise
        table = decoding_study.markdown(self.rows)
        self.assertIn("| s | +0.010* | +0.000 |", table)
        self.assertIn("coin is better in logit space in 1 of 1 scenarios (significantly in 1",
                      " ".join(decoding_study.reading(self.rows).split()))


if __name__ == "__main__":
    unittest.main()
