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

    def test_fisher_study_reads_each_choice_against_averaging(self):
        rows = []
        for regime, coin, difference, wins in (("estimator=exact", 0.87, 0.01, 3),
                                               ("init=independent", 0.86, 0.05, 5)):
            for rule in ("task", "all"):
                rows.append(dict(row(regime, rule, "coin", coin, wins),
                                 coin_minus_averaging_mean=difference,
                                 coin_minus_averaging_sd=0.02))
                rows.append(row(regime, rule, "averaging", coin - difference))
        text = " ".join(accuracy_findings.fisher_study(rows).split())
        self.assertIn("Under the rule `task`, degraded accuracy over both tasks with the default "
                      "(exact Fisher over the query distribution, task models from one shared "
                      "initialisation): COIN 0.870, averaging 0.860 (+0.010 ± 0.020, COIN ahead "
                      "on 3 of 5 seeds); independently initialised task models: COIN 0.860, "
                      "averaging 0.810 (+0.050 ± 0.020, COIN ahead on 5 of 5 seeds).", text)
        self.assertIn("Under the rule `all`", text)


if __name__ == "__main__":
    unittest.main()
