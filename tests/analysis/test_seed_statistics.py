"""analysis/seed_statistics.py against values worked by hand."""
import math
import unittest

from seed_statistics import mean_sd, median, outside_paired_interval, significant


class SeedStatistics(unittest.TestCase):

    def test_mean_and_sample_standard_deviation(self):
        self.assertEqual(mean_sd([1.0, 2.0, 3.0]), (2.0, 1.0))  # n - 1: sqrt((1 + 0 + 1) / 2)
        self.assertEqual(mean_sd([4.0]), (4.0, 0.0))
        self.assertAlmostEqual(mean_sd([0.81, 0.91])[1], 0.1 / math.sqrt(2))

    def test_median_ignores_one_slow_run(self):
        self.assertEqual(median([3.1, 3.0, 31.0]), 3.1)  # the mean would be 12.4
        self.assertEqual(median([1.0, 2.0, 3.0, 10.0]), 2.5)
        self.assertEqual(median([7.0]), 7.0)

    def test_paired_interval_against_the_t_quantile(self):
        # n = 5: t = mean / (sd / sqrt 5) against t_0.975,4 = 2.776, so mean 0.0124 with sd 0.01
        # gives t = 2.773 (inside) and mean 0.0125 gives t = 2.795 (outside).
        self.assertFalse(outside_paired_interval(0.0124, 0.01, 5))
        self.assertTrue(outside_paired_interval(0.0125, 0.01, 5))
        self.assertTrue(outside_paired_interval(-0.0125, 0.01, 5))
        self.assertTrue(outside_paired_interval(0.01, 0.0, 3))  # every seed the same gain
        self.assertFalse(outside_paired_interval(0.0, 0.0, 3))
        self.assertFalse(outside_paired_interval(1.0, 0.1, 1))  # one seed: no test
        self.assertTrue(significant([0.02, 0.03, 0.025]))
        self.assertFalse(significant([0.025, -0.025, 0.0]))


if __name__ == "__main__":
    unittest.main()
