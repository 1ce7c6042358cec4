"""analysis/paper_findings.py: the paragraphs quote the table's numbers and state only the
comparisons the numbers bear out; a missing row is named."""
import unittest

import paper_findings


def latency_rows(coin_p999, none_p999, replication_p999):
    rows = []
    for x, coin, none, replication in zip((400, 1200, 2000), coin_p999, none_p999,
                                          replication_p999):
        for series, p999, accuracy in (("none", none, 0.92), ("coin", coin, 0.91 - x / 1e5),
                                       ("replication", replication, 0.92)):
            rows += [{"series": series, "setting": "", "axis": "/load/rate", "x": x,
                      "quantity": quantity, "mean": value, "sd": 0.0, "seeds": 3}
                     for quantity, value in (("p999_ms", p999), ("accuracy", accuracy),
                                             ("servers", 3 if series != "none" else 2))]
    return rows


class Findings(unittest.TestCase):

    def test_tail_vs_rate_quotes_the_cuts(self):
        text = " ".join(paper_findings.tail_vs_rate(
            latency_rows([3.0, 6.0, 30.0], [6.0, 12.0, 40.0], [5.0, 11.0, 39.0])).split())
        self.assertIn("at 400–2,000 queries/s", text)
        self.assertIn("cuts p99.9 by 25–50% at every load", text)  # 1 - 30/40 .. 1 - 3/6
        self.assertIn("6.0 → 3.0 ms at 400/s, 12.0 → 6.0 ms at 1,200/s, 40.0 → 30.0 ms at 2,000/s",
                      text)
        self.assertIn("k + r = 3 servers gains 3–17% at every load", text)  # 2.5 up, 16.7
        self.assertIn("COIN 0.906 at 400/s falling to 0.890 at 2,000/s", text)

    def test_a_load_where_coding_is_slower_is_not_hidden(self):
        text = " ".join(paper_findings.tail_vs_rate(
            latency_rows([7.0, 6.0, 30.0], [6.0, 12.0, 40.0], [5.0, 11.0, 39.0])).split())
        self.assertNotIn("cuts p99.9", text)
        self.assertIn("changes p99.9 by −50% to +17% across loads", text)

    def test_a_missing_row_is_named(self):
        rows = [r for r in latency_rows([3.0, 6.0, 30.0], [6.0, 12.0, 40.0], [5.0, 11.0, 39.0])
                if not (r["series"] == "replication" and r["quantity"] == "servers")]
        with self.assertRaises(paper_findings.FindingError) as caught:
            paper_findings.tail_vs_rate(rows)
        self.assertEqual(str(caught.exception),
                         "no row for replication servers at x=400.0 setting=''")

    def test_the_frontier_names_where_the_learned_model_overtakes_coin(self):
        def row(method, steps, accuracy):
            return {"model": "mlp", "method": method, "steps": steps, "seeds": 5,
                    "degraded_task_mean": accuracy, "degraded_task_sd": 0.01}
        rows = [row("coin", "", 0.85), row("learned", 10, 0.6), row("learned", 30, 0.84),
                row("learned", 100, 0.9), row("coin-finetune", 10, 0.84),
                row("coin-finetune", 30, 0.88)]
        rows += [dict(r, model="lenet5") for r in rows]
        text = " ".join(paper_findings.compute_frontier(rows).split())
        self.assertIn("MLP: 0.840 at 30 steps, 0.900 at 100 against COIN's 0.850 ± 0.010", text)
        self.assertIn("5 seeds", text)
        self.assertIn("at or above COIN on both from 30 steps on", text)


if __name__ == "__main__":
    unittest.main()
