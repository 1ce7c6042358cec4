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

    def test_regimes_are_read_from_their_cells(self):
        # Two regimes; every merge at 0.80 except where a test below moves it.
        rows = []
        for regime in ("adam", "sgd"):
            for decoding in ("probability", "logit", "simplex"):
                for rule in ("task", "all"):
                    for method in accuracy_findings.MERGES + accuracy_findings.TRAINED:
                        rows.append(dict(row(regime, rule, method, 0.80), decoding=decoding,
                                         degraded_sd=0.01, available_mean=0.9,
                                         construction_flops=100.0))
                    rows.append(dict(row(regime, rule, "default", 0.2), decoding=decoding,
                                     degraded_sd=0.0, available_mean=0.9))
        def cell(regime, decoding, rule, method):
            return next(r for r in rows if (r["regime"], r["decoding"], r["scoring"],
                                            r["method"]) == (regime, decoding, rule, method))
        for r in rows:
            if r["method"] in ("learned", "coin-finetune"):
                r["degraded_mean"] = 0.90
            if r["method"] == "coin":
                r.update(coin_minus_averaging_mean=0.0125, coin_minus_averaging_sd=0.01,
                         coin_wins=5)  # t = 2.795 > 2.776: outside the interval
        cell("sgd", "probability", "all", "coin").update(coin_minus_averaging_mean=0.0124,
                                                         coin_wins=4)  # t = 2.773: inside
        cell("adam", "probability", "task", "regmean")["construction_flops"] = 25.0
        cell("adam", "simplex", "all", "ties")["degraded_mean"] = 0.83  # moved by 0.03
        cell("sgd", "logit", "task", "regmean")["degraded_mean"] = 0.95  # above the trained
        for merge in ("averaging", "task-arithmetic", "ties"):
            cell("sgd", "logit", "task", merge)["degraded_mean"] = 0.79  # below COIN
        cell("adam", "probability", "all", "default")["available_mean"] = 0.8
        text = " ".join(accuracy_findings.regimes(rows).split())
        self.assertIn("adam: under `task` +0.013 ± 0.010 (ahead on 5 of 5 seeds; outside the "
                      "paired 95% interval)", text)
        self.assertIn("sgd: under `task` +0.013 ± 0.010 (ahead on 5 of 5 seeds; outside the "
                      "paired 95% interval), under `all` +0.012 ± 0.010 (ahead on 4 of 5 seeds; "
                      "within the paired 95% interval)", text)
        self.assertIn("score differently under the two rules** in adam probability.", text)
        self.assertIn("RegMean's counted flops against COIN's: adam 0.25×; sgd 1.00×", text)
        self.assertIn("the largest change of a method's degraded accuracy is 0.030 (ties, adam, "
                      "`all`); COIN's is 0.000", text)
        self.assertIn("at or above COIN — adam: averaging 0.800, task-arithmetic 0.800, ties "
                      "0.800, regmean 0.800 against COIN's 0.800; sgd: regmean 0.950 against "
                      "COIN's 0.800.", text)
        self.assertIn("except: sgd, logit, `task`: learned below regmean; sgd, logit, `task`: "
                      "coin-finetune below regmean.", text)

    def test_residual_cnn_orders_the_merges_and_reads_kfac(self):
        rows = []
        for rule in ("task", "all"):
            for method, mean in (("coin", 0.33), ("averaging", 0.32), ("task-arithmetic", 0.40),
                                 ("ties", 0.41), ("regmean", 0.57), ("learned", 0.78),
                                 ("coin-finetune", 0.91), ("cheap-backup", 0.925)):
                rows.append(dict(row("cnn_sgd", rule, method, mean), degraded_sd=0.01,
                                 available_mean=0.936, coin_minus_averaging_mean=0.01,
                                 coin_minus_averaging_sd=0.08, coin_wins=3))
            rows.append(dict(row("cnn_sgd", rule, "default", 0.2), available_mean=0.936))
            rows.append(dict(row("cnn_sgd_kfac", rule, "coin", 0.42), degraded_sd=0.14))
        text = " ".join(accuracy_findings.residual_cnn(rows).split())
        self.assertIn("Under `task` the merges decode at regmean 0.570, ties 0.410, "
                      "task-arithmetic 0.400, coin 0.330, averaging 0.320 against the task "
                      "models' own 0.936; the best, regmean, leads the next by 0.160.", text)
        self.assertIn("COIN minus averaging: +0.010 ± 0.080 (ahead on 3 of 5 seeds; within the "
                      "paired 95% interval)", text)
        self.assertIn("K-FAC blocks move COIN from 0.330 ± 0.010 to 0.420 ± 0.140 under `task`",
                      text)


if __name__ == "__main__":
    unittest.main()
