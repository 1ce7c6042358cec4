"""What the sweep figures draw, against numbers worked by hand on small made-up sweep tables:
seeds averaged into mean and sample standard deviation (never a curve per seed), a seed counted
once when an axis that does not change accuracy repeats it, COIN's one cost a single point,
queries pooled over seeds for the latency tail, and every figure a complete PNG and PDF.

Run by ctest: /usr/bin/python3 -m unittest discover -s tests/analysis (PYTHONPATH=analysis).
"""
import contextlib
import csv
import io
import json
import math
import shutil
import tempfile
import unittest
from pathlib import Path

import plot_latency_cdf
import plot_sweep
from sweep_tables import write_csv, write_sweep

SUMMARY_COLUMNS = ["point", "/load/rate", "/seed", "seed", "k", "r", "strategy", "latency_p99_s",
                   "latency_p999_s", "accuracy"]
# As coinsim writes it: a configuration's rows once, with every point that shares them.
ACCURACY_COLUMNS = ["models_hash", "points", "seed", "k", "r", "method", "erased", "task",
                    "available", "degraded", "construction_s", "construction_flops"]


def plot_quietly(results):
    """plot_sweep.main, without the list of files it wrote."""
    with contextlib.redirect_stdout(io.StringIO()):
        plot_sweep.main(results)


def write_queries(directory, point, strategy, latencies_and_warmup):
    (directory / point).mkdir(exist_ok=True)
    write_csv(directory / point / f"queries-{strategy}.csv", ["latency_s", "warmup"],
              latencies_and_warmup)


def write_latency_sweep(directory):
    """Two rates x two seeds x strategies none and coin; accuracy does not depend on the rate: its
    rows are written once per seed, for both rates' points."""
    p99 = {("none", 100, 1): 0.004, ("none", 100, 2): 0.006, ("none", 200, 1): 0.010,
           ("none", 200, 2): 0.014, ("coin", 100, 1): 0.002, ("coin", 100, 2): 0.003,
           ("coin", 200, 1): 0.005, ("coin", 200, 2): 0.008}
    summary, accuracy = [], []
    for rate in (100, 200):
        for seed in (1, 2):
            point = f"rate={rate}_seed={seed}"
            for strategy in ("none", "coin"):
                p = p99[(strategy, rate, seed)]
                summary.append([point, rate, seed, seed, 2, 1, strategy, p, 2 * p,
                                0.9 - 0.01 * seed - (0.02 if strategy == "coin" else 0)])
                write_queries(directory, point, strategy,
                              [(0.5, 1), (1.0 * seed, 0), (2.0 * seed, 0)])
    for seed in (1, 2):
        models = [f"models{seed}", f"rate=100_seed={seed} rate=200_seed={seed}", seed, 2, 1]
        for task in (0, 1):  # degraded 0.8 on seed 1, 0.9 on seed 2, whatever the rate
            accuracy.append(models + ["coin", f"{{{task}}}", task, 0.95,
                                      0.7 + 0.1 * seed + 0.02 * task, 0.5, 1e9])
            accuracy.append(models + ["default", f"{{{task}}}", task, 0.95, 0.2, "", ""])
    write_sweep(directory, SUMMARY_COLUMNS, summary, ACCURACY_COLUMNS, accuracy)


class LatencySweep(unittest.TestCase):
    """What the latency figures draw, from write_latency_sweep's tables."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        write_latency_sweep(self.dir)
        self.sweep = plot_sweep.Sweep(self.dir)

    def test_shared_accuracy_rows_are_spread_over_their_points(self):
        coin = [(r["point"], r["/load/rate"]) for r in self.sweep.accuracy
                if r["method"] == "coin" and r["task"] == "0"]
        self.assertEqual(coin, [("rate=100_seed=1", "100"), ("rate=200_seed=1", "200"),
                                ("rate=100_seed=2", "100"), ("rate=200_seed=2", "200")])

    def test_seeds_are_averaged_into_one_curve_per_strategy(self):
        self.assertEqual(self.sweep.varying, ["/load/rate"])
        curves = plot_sweep.tail_curves(self.sweep, "/load/rate", "p99")
        self.assertEqual(list(curves), [("none", ""), ("coin", "")])
        (x1, mean1, sd1), (x2, mean2, sd2) = curves[("none", "")]
        self.assertEqual((x1, x2), (100.0, 200.0))
        self.assertAlmostEqual(mean1, 5.0)  # ms: (4 + 6) / 2
        self.assertAlmostEqual(sd1, math.sqrt(2))  # sample sd of 4 and 6
        self.assertAlmostEqual(mean2, 12.0)
        self.assertAlmostEqual(sd2, 2 * math.sqrt(2))

    def test_tradeoff_is_traced_by_the_swept_knob(self):
        self.assertEqual(plot_sweep.tradeoff_knob(self.sweep), "/load/rate")
        curves = plot_sweep.tradeoff_curves(self.sweep, "/load/rate")
        knob, latency, latency_sd, accuracy, accuracy_sd = curves[("coin", "")][0]
        self.assertEqual(knob, 100.0)
        self.assertAlmostEqual(latency, 5.0)  # p99.9 = 2 x p99: (4 + 6) / 2 ms
        self.assertAlmostEqual(latency_sd, math.sqrt(2))
        self.assertAlmostEqual(accuracy, 0.865)  # (0.87 + 0.86) / 2
        self.assertAlmostEqual(accuracy_sd, 0.01 / math.sqrt(2))

    def test_an_axis_that_does_not_change_accuracy_counts_each_seed_once(self):
        self.assertEqual(self.sweep.accuracy_axes(), [])
        settings, series = plot_sweep.degraded_bars(self.sweep)
        self.assertEqual(settings, [""])
        self.assertEqual(list(series), ["available", "coin", "default"])
        mean, sd = series["coin"][0]
        self.assertAlmostEqual(mean, 0.86)  # seeds 0.81 and 0.91, each the mean of two tasks
        self.assertAlmostEqual(sd, 0.1 / math.sqrt(2))  # two values; four would give 0.0577
        self.assertEqual(series["available"][0], (0.95, 0.0))

    def test_the_latency_tail_pools_the_seeds_measured_queries(self):
        panels = plot_sweep.cdf_panels(self.sweep)
        self.assertEqual(panels, [("rate=100", ["rate=100_seed=1", "rate=100_seed=2"]),
                                  ("rate=200", ["rate=200_seed=1", "rate=200_seed=2"])])
        self.assertEqual(plot_sweep.pooled_latencies(self.sweep, panels[0][1], "coin"),
                         [1000.0, 2000.0, 2000.0, 4000.0])  # warm-up queries left out

    def test_strategies_with_the_same_latencies_everywhere_are_found(self):
        panels = plot_sweep.cdf_panels(self.sweep)
        pooled = {(setting, strategy): plot_sweep.pooled_latencies(self.sweep, points, strategy)
                  for setting, points in panels for strategy in ("none", "coin")}
        self.assertEqual(plot_sweep.identical_strategies(["none", "coin"], panels, pooled),
                         {"coin": "none"})  # write_latency_sweep gives both the same queries
        pooled[("rate=200", "coin")] = pooled[("rate=200", "coin")][:-1]
        self.assertEqual(plot_sweep.identical_strategies(["none", "coin"], panels, pooled), {})

    def test_every_figure_is_a_complete_png_and_pdf(self):
        plot_quietly(self.dir)
        for stem in ("latency_cdf", "tail_vs_rate", "latency_accuracy", "degraded_accuracy"):
            png = (self.dir / f"{stem}.png").read_bytes()
            pdf = (self.dir / f"{stem}.pdf").read_bytes()
            self.assertEqual(png[:8], b"\x89PNG\r\n\x1a\n", stem)
            self.assertEqual(png[-8:-4], b"IEND", stem)
            self.assertEqual(pdf[:5], b"%PDF-", stem)
            self.assertIn(b"%%EOF", pdf[-16:], stem)
        self.assertFalse((self.dir / "accuracy_vs_compute.png").exists())
        self.assertEqual(sorted(p.name for p in self.dir.glob("*.tmp.*")), [])


class NamedAxis(unittest.TestCase):
    """An axis of names (a decoding space) beside a numeric one: curves against the rate, one per
    decoding space; no curve against the names (this crashed the plotting once)."""

    def test_an_axis_of_names_splits_curves_but_is_never_an_x_axis(self):
        directory = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, directory)
        columns = ["point", "/coding/decoding", "/load/rate", "seed", "k", "r", "strategy",
                   "latency_p99_s", "latency_p999_s", "accuracy"]
        rows = []
        for decoding in ("logit", "simplex"):
            for rate in (100, 200):
                point = f"decoding={decoding}_rate={rate}"
                rows.append([point, decoding, rate, 1, 2, 1, "coin", 0.002, 0.004, 0.9])
                write_queries(directory, point, "coin", [(0.001, 0), (0.002, 0)])
        write_sweep(directory, columns, rows, columns[:6] + [
            "method", "erased", "task", "available", "degraded", "construction_s",
            "construction_flops"], [])
        sweep = plot_sweep.Sweep(directory)
        self.assertEqual(plot_sweep.tradeoff_knob(sweep), "/load/rate")
        self.assertEqual(list(plot_sweep.tail_curves(sweep, "/load/rate", "p99")),
                         [("coin", "decoding=logit"), ("coin", "decoding=simplex")])
        plot_quietly(directory)
        self.assertTrue((directory / "tail_vs_rate.png").is_file())
        self.assertFalse(any(directory.glob("tail_vs_decoding*")))


class VaryingK(unittest.TestCase):
    """A swept list of tasks: curves against k, each strategy's servers stated as a function of
    k (it is not the same cluster at every k)."""

    def test_servers_per_strategy_as_a_function_of_k(self):
        directory = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, directory)
        columns = ["point", "/tasks/classes", "seed", "k", "strategy", "servers", "latency_p99_s",
                   "latency_p999_s", "accuracy"]
        rows = []
        for k, classes in ((2, [[0], [1]]), (3, [[0], [1], [2]])):
            for strategy, servers in (("none", k), ("coin", k + 1), ("replication", 2 * k),
                                      ("fixed", 5)):
                rows.append([f"k={k}", json.dumps(classes), 1, k, strategy, servers, 0.001,
                             0.002, 0.9])
        write_sweep(directory, columns, rows, [
            "point", "/tasks/classes", "seed", "k", "method", "erased", "task", "available",
            "degraded", "construction_s", "construction_flops"], [])
        sweep = plot_sweep.Sweep(directory)
        self.assertEqual(plot_sweep.servers_per_strategy(sweep),
                         {"none": "k servers", "coin": "k+1 servers",
                          "replication": "2k servers", "fixed": "5 servers"})
        self.assertEqual(plot_sweep.curve_label("coin", "", {"coin": "k+1 servers"}),
                         "coin, k+1 servers")


class CurveLooks(unittest.TestCase):

    def test_a_second_setting_of_a_strategy_keeps_its_colour_not_its_dashes(self):
        looks = plot_sweep.CurveLooks()
        first, second = looks.curve("coin", "decoding=logit"), looks.curve("coin", "decoding=simplex")
        self.assertEqual(first["color"], second["color"])
        self.assertNotEqual((first["linestyle"], first["marker"]),
                            (second["linestyle"], second["marker"]))
        self.assertEqual(looks.curve("coin", "decoding=logit"), first)


class BadTables(unittest.TestCase):
    """Missing or malformed tables are one InputError naming the file and line, as the command
    line prints it, never a traceback."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        write_latency_sweep(self.dir)  # a complete sweep to damage

    def error_of(self):
        with self.assertRaises(plot_sweep.InputError) as caught:
            plot_quietly(self.dir)
        return str(caught.exception)

    def test_a_truncated_table(self):
        lines = (self.dir / "summary.csv").read_text().splitlines()
        (self.dir / "summary.csv").write_text("\n".join(lines[:3] + [lines[3][:25]]))
        self.assertRegex(self.error_of(), r"summary\.csv: line 4: 5 fields, the header has 9 "
                                          r"\(truncated\?\)$")

    def test_a_value_that_is_no_number(self):
        text = (self.dir / "accuracy.csv").read_text().replace("0.95", "0.9x", 1)
        (self.dir / "accuracy.csv").write_text(text)
        self.assertRegex(self.error_of(), r'accuracy\.csv: line 2: available: not a number: "0.9x"$')

    def test_a_missing_column_and_a_missing_file(self):
        write_csv(self.dir / "accuracy.csv", ["points", "seed"], [])
        self.assertRegex(self.error_of(), r'accuracy\.csv: no column "k"$')
        (self.dir / "summary.csv").unlink()
        self.assertRegex(self.error_of(), r": no summary\.csv \(run the sweep first, or --merge "
                                          r"its shards\)$")

    def test_a_sweep_record_without_columns(self):
        (self.dir / "sweep.json").write_text('{"axes": ["/load/rate"]}')
        self.assertRegex(self.error_of(), r'sweep\.json: no "axes" and "columns" \(a sweep record '
                                          r'of an older coinsim\? run the sweep again\)$')

    def test_an_accuracy_row_of_a_point_the_sweep_does_not_have(self):
        text = (self.dir / "accuracy.csv").read_text().replace("rate=200_seed=1", "rate=300_seed=1")
        (self.dir / "accuracy.csv").write_text(text)
        self.assertRegex(self.error_of(), r'accuracy\.csv: point "rate=300_seed=1" is not a point '
                                          r'of this sweep \(sweep\.json\)$')

    def test_a_point_without_its_queries(self):
        (self.dir / "rate=200_seed=2" / "queries-coin.csv").unlink()
        self.assertRegex(self.error_of(),
                         r"rate=200_seed=2/queries-coin\.csv: cannot read: No such file or "
                         r"directory$")


class BadRun(unittest.TestCase):
    """A run's folder (`coinsim run`) whose strategy summary is damaged."""

    def test_a_summary_that_is_no_json_is_named(self):
        results = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, results)
        (results / "summary-coin.json").write_text('{"strategy": "coin", "serv')
        with self.assertRaises(plot_sweep.InputError) as caught:
            plot_latency_cdf.main(results)
        self.assertRegex(str(caught.exception), r"/summary-coin\.json: invalid JSON: ")
        (results / "summary-coin.json").write_text('{"strategy": "coin"}')
        with self.assertRaises(plot_sweep.InputError) as caught:
            plot_latency_cdf.main(results)
        self.assertRegex(str(caught.exception),
                         r"/summary-coin\.json: not a strategy's summary \(no 'servers'\)$")


class BudgetSweep(unittest.TestCase):
    """Two architectures x distillation steps 10 and 100 x two seeds, accuracy only."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        columns = ["point", "/model", "/coding/distillation/steps", "/seed", "seed", "k", "r",
                   "method", "erased", "task", "available", "degraded", "construction_s",
                   "construction_flops"]
        rows = []
        for architecture, scale in (("mlp", 1), ("lenet5", 10)):
            model = json.dumps({"architecture": architecture})
            for steps in (10, 100):
                for seed in (1, 2):
                    point = f"model={architecture}_steps={steps}_seed={seed}"
                    common = [point, model, steps, seed, seed, 2, 1]
                    # COIN's seconds are measured on every point: they vary, its flops do not.
                    rows.append(common + ["coin", 0, 0, 0.9, 0.80 + 0.02 * seed,
                                          0.1 * steps / 10 + seed, 5e8 * scale])
                    rows.append(common + ["learned", 0, 0, 0.9, 0.5 + steps / 1000 + 0.01 * seed,
                                          steps * scale, 1e7 * steps * scale + seed])
        write_sweep(self.dir, ["point", "/model", "/coding/distillation/steps", "/seed", "seed",
                               "k", "r", "strategy", "latency_p99_s", "latency_p999_s",
                               "accuracy"], [], columns, rows)
        self.sweep = plot_sweep.Sweep(self.dir)

    def test_a_panel_per_architecture_and_coin_one_point(self):
        panels = plot_sweep.compute_panels(self.sweep)
        self.assertEqual(list(panels), ["mlp", "lenet5"])
        coin = panels["mlp"]["coin"]
        self.assertEqual(len(coin), 1)  # its cost does not depend on the budget
        seconds, flops, mean, sd = coin[0]
        self.assertAlmostEqual(seconds, 2.05)  # median of 1.1, 2.1 (steps 10), 2.0, 3.0 (100)
        self.assertAlmostEqual(flops, 5e8)
        self.assertAlmostEqual(mean, 0.83)
        self.assertAlmostEqual(sd, 0.02 / math.sqrt(2))
        learned = panels["lenet5"]["learned"]
        self.assertEqual([round(f) for _, f, _, _ in learned], [1e9 + 2, 1e10 + 2])  # seeds 1, 2
        self.assertEqual([s for s, _, _, _ in learned], [100, 1000])
        self.assertAlmostEqual(learned[1][2], 0.615)

    def test_methods_zipped_with_the_budget_are_not_a_panel(self):
        # The fixed-cost merges built at the first budget only (/coding/methods zipped with the
        # steps): still a panel per architecture, each merge one point.
        columns = ["point", "/model", "/coding/distillation/steps", "/coding/methods", "/seed",
                   "seed", "k", "r", "method", "erased", "task", "available", "degraded",
                   "construction_s", "construction_flops"]
        rows = []
        for steps, methods in ((10, ["learned", "averaging"]), (100, ["learned"])):
            for seed in (1, 2):
                point = f"steps={steps}_seed={seed}"
                common = [point, json.dumps({"architecture": "mlp"}), steps, json.dumps(methods),
                          seed, seed, 2, 1]
                for method in methods:
                    rows.append(common + [method, 0, 0, 0.9, 0.7 + steps / 1000, steps / 10,
                                          1e6 * steps])
        write_sweep(self.dir, columns[:5] + ["seed", "k", "strategy", "latency_p99_s",
                                             "latency_p999_s", "accuracy"], [], columns, rows)
        panels = plot_sweep.compute_panels(plot_sweep.Sweep(self.dir))
        self.assertEqual(list(panels), [""])
        self.assertEqual(panels[""]["averaging"], [(1.0, 1e7, 0.71, 0.0)])
        self.assertEqual([f for _, f, _, _ in panels[""]["learned"]], [1e7, 1e8])

    def test_figures_of_an_accuracy_only_sweep(self):
        plot_quietly(self.dir)
        self.assertTrue((self.dir / "accuracy_vs_compute.png").is_file())
        self.assertTrue((self.dir / "degraded_accuracy.pdf").is_file())
        self.assertFalse((self.dir / "latency_cdf.png").exists())


if __name__ == "__main__":
    unittest.main()
