"""analysis/end_to_end_study.py: per-query accuracy over seeds from made-up sweep tables, and the
reading of the end-to-end rule against the per-task one."""
import csv
import tempfile
import unittest
from pathlib import Path

import end_to_end_study


def write_summary(folder, rows):
    """summary.csv as `coinsim sweep` writes it, only the columns the study reads."""
    folder.mkdir(parents=True)
    with open(folder / "summary.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["coding_decoding", "seed", "strategy", "accuracy_task", "accuracy_all",
                         "accuracy_query"])
        writer.writerows(rows)


class EndToEndStudy(unittest.TestCase):

    def test_seeds_are_averaged_per_regime_decoding_and_strategy(self):
        with tempfile.TemporaryDirectory() as tmp:
            adam = Path(tmp) / "end-to-end-adam"
            write_summary(adam, [["probability", 1, "none", 0.92, 0.92, 0.60],
                                 ["probability", 2, "none", 0.94, 0.94, 0.70],
                                 ["probability", 1, "coin", 0.91, 0.89, 0.66],
                                 ["probability", 2, "coin", 0.91, 0.87, 0.70]])
            rows = end_to_end_study.study_rows([adam])
        none = next(r for r in rows if r["strategy"] == "none")
        self.assertEqual((none["regime"], none["decoding"], none["seeds"]),
                         ("adam", "probability", 2))
        self.assertAlmostEqual(none["accuracy_query_mean"], 0.65)
        self.assertAlmostEqual(none["accuracy_query_sd"], 0.1 / 2 ** 0.5)  # sample sd, n - 1
        text = " ".join(end_to_end_study.reading(rows).split())
        self.assertIn("lands at 0.650–0.680, against 0.910–0.930 per task (`task`)", text)
        self.assertIn("adam `none` 0.650 ± 0.071 against COIN 0.680 ± 0.028.", text)


if __name__ == "__main__":
    unittest.main()
