"""What every coinsim figure shares: the command line (results folder, --width, --style), checked
reading of the tables with one-line errors, print sizes, one look per strategy or method, and
atomic PDF + PNG output.

Figures are exactly 3.5 in (a column) or 7 in (a page) wide and take every font size from the
style file (analysis/coinsim.mplstyle by default), so a point in the style is a point in print.
Each strategy and method has its own colour from the Okabe-Ito palette (safe for colour-blind
readers) *and* its own marker and dash pattern, the same in every figure, so a figure also reads
in greyscale; COIN is drawn in the strongest colour and on top.
"""
import argparse
import csv
import json
import math
import os
import sys
import textwrap

NO_MATPLOTLIB_EXIT = 69  # EX_UNAVAILABLE: coinsim then tries the next Python (app/plotting.cpp)
try:  # matplotlib >= 3.6 (Debian 12's): the layout engine came with it
    import matplotlib
    from matplotlib.layout_engine import ConstrainedLayoutEngine
except ImportError:
    sys.exit(NO_MATPLOTLIB_EXIT)

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (re-exported for the plotting scripts)
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter  # noqa: E402

INPUT_ERROR_EXIT = 65  # EX_DATAERR: coinsim knows the one line is printed and adds none
WIDTHS_IN = {"column": 3.5, "page": 7.0}
STYLE_ENVIRONMENT = "COINSIM_PLOT_STYLE"
DEFAULT_STYLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "coinsim.mplstyle")

# Okabe & Ito (2008), "Color Universal Design".
BLACK, ORANGE, SKY_BLUE, GREEN = "#000000", "#E69F00", "#56B4E9", "#009E73"
YELLOW, BLUE, VERMILLION, PURPLE = "#F0E442", "#0072B2", "#D55E00", "#CC79A7"
GREY = "#7F7F7F"
DASH_DOT_DOT = (0, (5, 1.5, 1, 1.5, 1, 1.5))
LONG_DASH = (0, (8, 2))
# name: (colour, marker, line style, bar hatch). Strategies and methods sharing a name (coin,
# averaging, cheap-backup) share a look; the COIN family is vermillion.
LOOKS = {
    "coin": (VERMILLION, "o", "-", ""),
    "coin-finetune": (VERMILLION, "s", "--", "xx"),
    "none": (BLACK, "s", "--", "//"),
    "averaging": (BLUE, "^", "-.", "\\\\"),
    "replication": (GREEN, "D", ":", ".."),
    "full-replication": (PURPLE, "v", DASH_DOT_DOT, "++"),
    "cheap-backup": (ORANGE, "P", LONG_DASH, "--"),
    "hedged": (SKY_BLUE, "X", (0, (3, 1.5)), "oo"),
    "task-arithmetic": (GREEN, "v", "--", "//"),
    "ties": (PURPLE, "<", ":", "++"),
    "regmean": (SKY_BLUE, ">", "-.", ".."),
    "learned": (SKY_BLUE, "D", (0, (4, 1.5)), "oo"),
    "default": (GREY, "x", ":", "**"),
}
# Names not above (a strategy the user named "hedged-5ms", say), in order of appearance.
SPARE_LOOKS = [(BLUE, "h", (0, (1, 1)), "*"), (ORANGE, "*", "-", "O"),
               (GREEN, "p", "-.", "|"), (PURPLE, "d", "--", "-"), (YELLOW, "8", "-", "x")]
STRONG = {"coin"}  # drawn thicker and above the rest


class InputError(Exception):
    """A table or file a figure needs is missing or malformed; the message names it."""


class Layout:
    """The print width every figure of a run is drawn at."""

    def __init__(self, width="column"):
        if width not in WIDTHS_IN:
            raise InputError(f"--width {width}: expected column (3.5 in) or page (7 in)")
        self.width = width
        self.width_in = WIDTHS_IN[width]

    def columns(self, panels, most_on_column=1, most_on_page=3):
        """How many panels side by side: fewer on a column, whose panels would be too narrow."""
        return max(1, min(panels, most_on_column if self.width == "column" else most_on_page))


def new_figure(layout, rows=1, columns=1, panel_aspect=0.62, legend_rows=0, **shared):
    """A figure exactly layout.width_in wide, of rows x columns panels each panel_aspect times as
    high as wide, with legend_rows lines of legend below the panels (see legend_below)."""
    panel_height_in = layout.width_in / columns * panel_aspect
    plot_height_in = rows * panel_height_in + 0.45  # axis labels and ticks
    legend_height_in = legend_rows * 0.17 + (0.12 if legend_rows else 0)
    height_in = plot_height_in + legend_height_in
    figure, axes = plt.subplots(rows, columns, figsize=(layout.width_in, height_in),
                                squeeze=False, **shared)
    bottom = legend_height_in / height_in
    figure.set_layout_engine(ConstrainedLayoutEngine(rect=(0, bottom, 1, 1 - bottom)))
    return figure, axes


CHARACTER_IN = 0.062  # the width of a character at 8 pt, generously (DejaVu Sans)
HANDLE_IN = 0.5  # a legend entry's line sample and gaps


def fitted(layout, labels):
    """The labels, each line wrapped to fit one legend column across the figure."""
    characters = int((layout.width_in - HANDLE_IN) / CHARACTER_IN)
    return ["\n".join(wrapped for line in label.split("\n")
                      for wrapped in textwrap.wrap(line, characters) or [""])
            for label in labels]


def fitted_title(layout, text, columns=1):
    """A title wrapped to the width of one of `columns` panels side by side."""
    characters = int(layout.width_in / columns / CHARACTER_IN)
    return "\n".join(textwrap.wrap(text, characters))


def legend_columns(layout, labels):
    """Legend columns that fit the width (tests/analysis/test_figures.py checks that every entry
    stays on the page)."""
    longest = max((len(line) for label in labels for line in label.split("\n")), default=1)
    return max(1, min(len(labels), int(layout.width_in // (CHARACTER_IN * longest + HANDLE_IN))))


def legend_rows(layout, labels):
    """Lines of text the legend takes, its labels fitted (a label may hold several)."""
    if not labels:
        return 0
    labels = fitted(layout, labels)
    lines = [label.count("\n") + 1 for label in labels]
    columns = legend_columns(layout, labels)
    return sum(lines) if columns == 1 else math.ceil(len(labels) / columns) * max(lines)


def legend_below(figure, layout, handles, labels):
    """The figure's one legend, under its panels (new_figure left room for legend_rows)."""
    labels = fitted(layout, labels)
    figure.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0),
                  ncol=legend_columns(layout, labels))


class Looks:
    """The look of each name of a figure: fixed for known strategies and methods, the spare ones
    in order of first use for the rest."""

    def __init__(self):
        self.spare = {}

    def of(self, name):
        if name in LOOKS:
            return LOOKS[name]
        if name not in self.spare:
            self.spare[name] = SPARE_LOOKS[len(self.spare) % len(SPARE_LOOKS)]
        return self.spare[name]

    def curve(self, name, marker=True):
        colour, mark, line, _ = self.of(name)
        style = dict(color=colour, linestyle=line, linewidth=1.8 if name in STRONG else 1.2,
                     zorder=3 if name in STRONG else 2)
        if marker:
            style.update(marker=mark, markersize=4, markerfacecolor="white",
                         markeredgewidth=1.0)  # hollow: a point under another stays visible
        return style

    def bar(self, name):
        colour, _, _, hatch = self.of(name)
        return dict(color=colour, hatch=hatch, edgecolor="black", linewidth=0.4)


def read_table(path, columns=(), numbers=()):
    """The rows of a CSV file as dicts, with its header. Every row must have the header's fields,
    `columns` must be among them, and `numbers` must hold numbers (or be empty)."""
    try:
        with open(path, newline="") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if not header:
                raise InputError(f"{path}: empty, no header")
            for column in list(columns) + list(numbers):
                if column not in header:
                    raise InputError(f"{path}: no column \"{column}\"")
            rows = []
            for line, fields in enumerate(reader, start=2):
                if len(fields) != len(header):
                    raise InputError(f"{path}: line {line}: {len(fields)} fields, the header has "
                                     f"{len(header)} (truncated?)")
                row = dict(zip(header, fields))
                for column in numbers:
                    if row[column] and not is_number(row[column]):
                        raise InputError(f"{path}: line {line}: {column}: not a number: "
                                         f"\"{row[column][:40]}\"")
                rows.append(row)
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from error
    except (csv.Error, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not a CSV table: {error}") from error
    return header, rows


def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: invalid JSON: {error}") from error


def is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def use_style(style):
    """The style file: --style, else $COINSIM_PLOT_STYLE, else the bundled one."""
    path = style or os.environ.get(STYLE_ENVIRONMENT) or DEFAULT_STYLE
    if not os.path.isfile(path):
        source = "--style" if style else STYLE_ENVIRONMENT if path != DEFAULT_STYLE else "style"
        raise InputError(f"{path}: no such style file ({source})")
    plt.style.use(path)


def parse_arguments(usage, argv):
    parser = argparse.ArgumentParser(description=usage.splitlines()[0], allow_abbrev=False)
    parser.add_argument("results", help="a results folder")
    parser.add_argument("--width", default="column", help="column (3.5 in, default) or page (7 in)")
    parser.add_argument("--style", help=f"a matplotlib style file (default: ${STYLE_ENVIRONMENT}, "
                                        "else analysis/coinsim.mplstyle)")
    return parser.parse_args(argv)


def run(main, usage):
    """The scripts' entry point: main(results, layout) after the style is applied; bad input is one
    line on stderr and exit INPUT_ERROR_EXIT."""
    arguments = parse_arguments(usage, sys.argv[1:])
    try:
        layout = Layout(arguments.width)
        use_style(arguments.style)
        main(arguments.results, layout)
    except InputError as error:
        print(f"coinsim plot: {error}", file=sys.stderr)
        sys.exit(INPUT_ERROR_EXIT)


def latency_tail(latencies):
    """(latency, fraction of queries at least that slow) of sorted latencies, from the median
    on: the tail, which is all the latency figures draw."""
    n = len(latencies)
    return [(x, (n - i) / n) for i, x in enumerate(latencies) if (n - i) / n <= 0.5]


def fraction_ticks(axis):
    """A log axis of fractions of queries labelled as percentages at every decade."""
    axis.set_major_locator(LogLocator(base=10, subs=(1.0,)))
    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{100 * value:g}%"))
    axis.set_minor_formatter(NullFormatter())


def plain_log_ticks(axis, decades=2):
    """Log-scale ticks labelled 1, 2, 5, 10, 20, ... instead of powers of ten; over more than
    `decades` decades (say, from 0.0003 s to 50 s), only 0.001, 0.01, ... so labels never
    overlap."""
    low, high = sorted(axis.axes.dataLim.intervalx if axis.axis_name == "x"
                       else axis.axes.dataLim.intervaly)
    wide = low > 0 and math.log10(high / low) > decades
    axis.set_major_locator(LogLocator(base=10, subs=(1.0,) if wide else (1.0, 2.0, 5.0)))
    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    axis.set_minor_formatter(NullFormatter())


def save(figure, directory, stem):
    """Writes <stem>.pdf and <stem>.png at the figure's exact size, each under a temporary name
    first, then renamed."""
    written = []
    for suffix in (".pdf", ".png"):
        path = directory / (stem + suffix)
        temporary = path.with_name(path.stem + ".tmp" + suffix)
        figure.savefig(temporary)
        os.replace(temporary, path)
        written.append(path)
    plt.close(figure)
    return written
