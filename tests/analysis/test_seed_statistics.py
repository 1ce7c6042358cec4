"""analysis/seed_statistics.py against values worked by hand."""
import math
import unittest

from seed_statistics import mean_sd, median


class SeedStatistics(unittest.TestCase):

    def test_mean_and_sample_standard_deviation(self):
        self.assertEqual(mean_sd([1.0, 2.0, 3.0]), (2.0, 1.0))  # n - 1: sqrt((1 + 0 + 1) / 2)
        self.assertEqual(mean_sd([4.0]), (4.0, 0.0))
        self.assertAlmostEqual(mean_sd([0.81, 0.91])[1], 0.1 / math.sqrt(2))

    def test_median_ignores_one_slow_run(self):
        self.assertEqual(median([3.1, 3.0, 31.0]), 3.1)  # the mean would be 12.4
        self.assertEqual(median([1.0, 2.0, 3.0, 10.0]), 2.5)
        self.assertEqual(median([7.0]), 7.0)


if __name__ == "__main__":
    unittest.main()
