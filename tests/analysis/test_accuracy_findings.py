"""analysis/accuracy_findings.py: counts read off a made-up accuracy study, per scoring rule."""
import unittest

import accuracy_findings


def row(scenario, rule, method, mean, wins=""):
    return {"regime": scenario, "decoding": "probability", "scoring": rule, "method": method,
            "seeds": 5, "degraded_mean": mean, "coin_wins": wins}


class AccuracyFindings(unittest.TestCase):

    def test_counts_per_rule(self):
        rows = []
        for rule, coin_a, wins_a in (("task", 0.90, 5), ("all", 0.60, 0)):
            rows += [row("a", rule, "coin", coin_a, wins_a), row("a", rule, "averaging", 0.80),
                     row("a", rule, "learned", 0.95), row("a", rule, "cheap-backup", 0.93),
                     row("a", rule, "default", 0.99)]  # the default answer is never "best"
            rows += [row("b", rule, "coin", 0.70, 2), row("b", rule, "averaging", 0.75),
                     row("b", rule, "learned", 0.72), row("b", rule, "cheap-backup", 0.96)]
        text = " ".join(accuracy_findings.accuracy_scenarios(rows).split())
        self.assertIn("Under `task` (2 scenarios): the best method is learned in 1, cheap-backup "
                      "in 1; the best once-built merge is coin in 1, averaging in 1; every "
                      "trained construction is above every merge in 1. COIN is ahead of weighted "
                      "averaging on every seed in a, behind on every seed in none.", text)
        self.assertIn("Under `all` (2 scenarios): the best method is learned in 1, cheap-backup "
                      "in 1; the best once-built merge is averaging in 2; every trained "
                      "construction is above every merge in 1. COIN is ahead of weighted "
                      "averaging on every seed in none, behind on every seed in a.", text)


if __name__ == "__main__":
    unittest.main()
