"""Every figure type, rendered from small made-up results with the bundled style, is fit for print:
TrueType fonts only (pdffonts: no Type 3, which IEEE PDF eXpress and ACM reject), the page exactly
3.5 in wide (7 in with --width page), no text below 8 pt, every axis labelled and every time axis
in a unit; and each strategy or method keeps its look from figure to figure.

Needs poppler-utils (pdffonts, pdfinfo), installed by scripts/setup.sh.
"""
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import matplotlib.text

import figures
import plot_latency_cdf
import plot_sweep
from sweep_tables import write_csv, write_sweep
from test_plot_sweep import write_latency_sweep

TIME_WORDS = ("latency", "deadline", "time", "delay")


def write_run(directory):
    """A `coinsim run` folder: strategies none, coin, averaging (coin's latencies again) and one
    whose legend entry is longer than a column is wide."""
    order = ["none", "coin", "averaging", "cheap-backup-of-every-task"]
    (directory / "scenario.json").write_text(json.dumps(
        {"strategies": [{"name": name, "kind": "none"} for name in order]}))
    for index, strategy in enumerate(order):
        latencies = [0.001 * (i + 1) * (1 if strategy == "none" else 0.5) for i in range(200)]
        write_csv(directory / f"queries-{strategy}.csv", ["latency_s", "warmup"],
                  [(x, 0) for x in latencies])
        (directory / f"summary-{strategy}.json").write_text(json.dumps(
            {"strategy": strategy, "servers": 2 + index, "accuracy": 0.9, "scoring": "task",
             "latency_p999_s": max(latencies)}))


def write_budget_sweep(directory):
    """Distillation steps 10 and 100, two seeds: every method of accuracy_vs_compute."""
    columns = ["point", "/coding/distillation/steps", "/seed", "seed", "k", "r", "method",
               "erased", "task", "available", "degraded", "construction_s",
               "construction_flops"]
    rows = []
    for steps in (10, 100):
        for seed in (1, 2):
            point = f"steps={steps}_seed={seed}"
            for method, accuracy, seconds, flops in (
                    ("coin", 0.8, 0.5, 1e9), ("averaging", 0.78, 0.01, 1e6),
                    ("learned", 0.6 + steps / 400, steps / 10, 1e8 * steps)):
                rows.append([point, steps, seed, seed, 2, 1, method, 0, 0, 0.9,
                             accuracy + 0.01 * seed, seconds, flops])
    write_sweep(directory, columns[:6] + ["strategy", "latency_p99_s", "latency_p999_s",
                                          "accuracy"], [], columns, rows)


def rendered(directory, drawn):
    """(figure, its PDF) of each (figure, stem) drawn, saved into directory. A figure's texts stay
    readable after save() closes it."""
    return [(figure, figures.save(figure, directory, stem)[0]) for figure, stem in drawn]


class PrintQuality(unittest.TestCase):

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        figures.use_style(None)
        self.addCleanup(figures.plt.rcdefaults)

    def every_figure(self, width):
        layout = figures.Layout(width)
        latency, budget, run = self.dir / "latency", self.dir / "budget", self.dir / "run"
        for folder in (latency, budget, run):
            folder.mkdir()
        write_latency_sweep(latency)
        write_budget_sweep(budget)
        write_run(run)
        drawn = rendered(latency, plot_sweep.figures(plot_sweep.Sweep(latency), layout))
        drawn += rendered(budget, plot_sweep.figures(plot_sweep.Sweep(budget), layout))
        drawn += rendered(run, [(plot_latency_cdf.draw(run, layout), "latency_cdf")])
        names = sorted(pdf.name for _, pdf in drawn)
        self.assertEqual(names, sorted([
            "latency_cdf.pdf", "tail_vs_rate.pdf", "latency_accuracy.pdf",
            "degraded_accuracy.pdf", "degraded_accuracy.pdf", "accuracy_vs_compute.pdf",
            "latency_cdf.pdf"]))
        return drawn

    def check_print(self, width, width_pt):
        for figure, pdf in self.every_figure(width):
            with self.subTest(figure=str(pdf.relative_to(self.dir))):
                self.assertEqual(type3_fonts(pdf), [])
                self.assertAlmostEqual(page_width_pt(pdf), width_pt, delta=0.5)
                self.assertEqual(small_texts(figure), [])
                self.assertEqual(texts_off_the_page(figure), [])
                self.assertEqual(unlabelled_axes(figure), [])

    def test_column_width(self):
        self.check_print("column", 252)

    def test_page_width(self):
        self.check_print("page", 504)

    def test_a_name_keeps_its_look_in_every_figure(self):
        looks = figures.Looks()
        self.assertEqual(looks.curve("coin")["color"], figures.VERMILLION)
        self.assertGreater(looks.curve("coin")["linewidth"], looks.curve("none")["linewidth"])
        first, second = figures.Looks().curve("mine"), figures.Looks()
        second.curve("other")
        self.assertNotEqual(second.curve("mine"), first)  # a spare look goes by first use
        known = [figures.LOOKS[n][:2] for n in figures.LOOKS]
        self.assertEqual(len(set(known)), len(known))  # colour and marker never both repeat
        methods = ["coin", "coin-finetune", "averaging", "task-arithmetic", "ties", "regmean",
                   "learned", "cheap-backup", "default"]
        hatches = [figures.LOOKS[m][3] for m in methods]
        self.assertEqual(len(set(hatches)), len(hatches))  # bars of methods differ in print

    def test_two_strategies_with_the_same_latencies_are_named(self):
        run = self.dir / "run"
        run.mkdir()
        write_run(run)
        figure = plot_latency_cdf.draw(run, figures.Layout())
        legend = [t.get_text() for t in figure.legends[0].get_texts()]
        self.assertEqual([label.split(":")[0] for label in legend],
                         ["none", "coin", "averaging", "cheap-backup-of-every-task"])
        self.assertEqual(legend[2], "averaging: 4 servers, 0.900, 100 ms\n"
                                    "(same latencies as coin: one curve)")
        self.assertNotIn("same latencies", legend[1])
        figures.plt.close(figure)


class Titles(unittest.TestCase):

    def test_a_long_title_is_wrapped_to_its_panel(self):
        figures.use_style(None)
        self.addCleanup(figures.plt.rcdefaults)
        title = "Tail latency against background jobs per host per second and more words"
        for width, columns in (("column", 1), ("page", 2)):
            layout = figures.Layout(width)
            figure, axes = figures.new_figure(layout, 1, columns)
            for panel in axes.flat:
                panel.set_xlabel("x (ms)")
                panel.set_ylabel("y")
            axes.flat[0].set_title(figures.fitted_title(layout, title, columns))
            self.assertEqual(texts_off_the_page(figure), [], width)
            self.assertIn("\n", axes.flat[0].get_title())
            figures.plt.close(figure)


class Options(unittest.TestCase):

    def test_a_python_without_matplotlib_exits_69_and_says_nothing(self):
        # coinsim then tries the next Python (app/plotting.cpp); anything else would be an error.
        for script in ("plot_sweep.py", "plot_latency_cdf.py"):
            path = Path(figures.__file__).with_name(script)
            blocked = ("import runpy, sys; sys.modules['matplotlib'] = None; "
                       f"sys.argv = ['{path}', '/nonexistent']; "
                       f"runpy.run_path('{path}', run_name='__main__')")
            result = subprocess.run([sys.executable, "-c", blocked], capture_output=True,
                                    text=True, env={"PYTHONPATH": str(path.parent)})
            self.assertEqual((result.returncode, result.stderr), (figures.NO_MATPLOTLIB_EXIT, ""),
                             script)

    def test_a_width_other_than_column_or_page_is_refused(self):
        with self.assertRaises(figures.InputError) as caught:
            figures.Layout("A4")
        self.assertEqual(str(caught.exception),
                         "--width A4: expected column (3.5 in) or page (7 in)")

    def test_a_missing_style_file_is_named(self):
        with self.assertRaises(figures.InputError) as caught:
            figures.use_style("/nonexistent/paper.mplstyle")
        self.assertEqual(str(caught.exception),
                         "/nonexistent/paper.mplstyle: no such style file (--style)")

    def test_a_user_style_replaces_the_bundled_one(self):
        directory = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, directory)
        style = directory / "big.mplstyle"
        style.write_text("font.size: 11\nlegend.fontsize: 11\n")
        self.addCleanup(figures.plt.rcdefaults)
        figures.use_style(str(style))
        self.assertEqual(figures.plt.rcParams["legend.fontsize"], 11)


def type3_fonts(pdf):
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    fonts = listing.stdout.splitlines()[2:]
    return [line for line in fonts if "Type 3" in line]


def page_width_pt(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)
    return float(match.group(1))


def small_texts(figure):
    return [(t.get_text(), t.get_fontsize()) for t in figure.findobj(matplotlib.text.Text)
            if t.get_visible() and t.get_text() and t.get_fontsize() < 8]


def texts_off_the_page(figure):
    """Titles, axis labels and legend entries that do not fit inside the figure."""
    figure.canvas.draw()  # positions at the figure's own dpi (savefig drew at another)
    renderer = figure.canvas.get_renderer()
    texts = [t for a in figure.axes if a.get_visible()
             for t in (a.title, a.xaxis.label, a.yaxis.label)]
    texts += [t for legend in figure.legends for t in legend.get_texts()]
    page = figure.bbox
    return [t.get_text() for t in texts if t.get_text() and not (
        page.x0 - 1 <= t.get_window_extent(renderer).x0 and
        t.get_window_extent(renderer).x1 <= page.x1 + 1 and
        page.y0 - 1 <= t.get_window_extent(renderer).y0 and
        t.get_window_extent(renderer).y1 <= page.y1 + 1)]


def unlabelled_axes(figure):
    """Visible axes without a label (unless an axes sharing it has one), or a time axis without
    its unit."""
    missing = []
    for axes in figure.axes:
        if not axes.get_visible():
            continue
        for name in ("x", "y"):
            label = getattr(axes, f"get_{name}label")()
            siblings = getattr(axes, f"get_shared_{name}_axes")().get_siblings(axes)
            if not label and not any(getattr(s, f"get_{name}label")() for s in siblings):
                missing.append(f"{axes.get_title() or 'axes'}: no {name} label")
            elif any(w in label for w in TIME_WORDS) and not re.search(r"\((ms|s)\b", label):
                missing.append(f"{label}: no unit")
    return missing


if __name__ == "__main__":
    unittest.main()
