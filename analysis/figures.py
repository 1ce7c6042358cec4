"""What every coinsim figure shares: checked reading of the tables, one-line errors, greyscale-safe
styles and atomic PDF + PNG output.

Curves differ in line style and marker as well as shade, bars in hatching, so every figure reads
when printed in black and white.
"""
import csv
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402,F401  (re-exported for the plotting scripts)
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter  # noqa: E402

SHADES = ["black", "0.45", "0.25", "0.6", "0.1", "0.35", "0.7"]
# Six dash patterns and seven markers: no two of a figure's first six curves look alike in print.
LINES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (8, 2))]
MARKERS = ["o", "s", "^", "D", "v", "x", "P"]
HATCHES = ["", "//", "\\\\", "xx", "..", "++", "--", "oo"]


INPUT_ERROR_EXIT = 65  # EX_DATAERR: coinsim knows the one line is printed and adds none


class InputError(Exception):
    """A table or file a figure needs is missing or malformed; the message names it."""


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


def run(main, usage):
    """The scripts' entry point: bad input is one line on stderr and exit INPUT_ERROR_EXIT."""
    if len(sys.argv) != 2:
        sys.exit(usage)
    try:
        main(sys.argv[1])
    except InputError as error:
        print(f"coinsim plot: {error}", file=sys.stderr)
        sys.exit(INPUT_ERROR_EXIT)


def curve_style(index):
    """Line style, marker and shade of the index-th curve of a figure."""
    return dict(color=SHADES[index % len(SHADES)], linestyle=LINES[index % len(LINES)],
                marker=MARKERS[index % len(MARKERS)], markersize=4, linewidth=1.4)


def plain_log_ticks(axis):
    """Log-scale ticks labelled 1, 2, 5, 10, 20, ... instead of powers of ten alone."""
    axis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    axis.set_minor_formatter(NullFormatter())


def bar_style(index):
    return dict(color=SHADES[(index + 3) % len(SHADES)], hatch=HATCHES[index % len(HATCHES)],
                edgecolor="black", linewidth=0.6)


def mean_sd(values):
    """Mean and sample standard deviation (0 for a single value)."""
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return mean, 0.0
    return mean, math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))


def save(figure, directory, stem):
    """Writes <stem>.pdf and <stem>.png, each under a temporary name first, then renamed."""
    written = []
    for suffix, options in ((".pdf", {}), (".png", {"dpi": 150})):
        options["bbox_inches"] = "tight"  # legends placed outside the axes stay in
        path = directory / (stem + suffix)
        temporary = path.with_name(path.stem + ".tmp" + suffix)
        figure.savefig(temporary, **options)
        os.replace(temporary, path)
        written.append(path)
    plt.close(figure)
    return written
