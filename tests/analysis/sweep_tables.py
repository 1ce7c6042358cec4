"""Made-up sweep folders as `coinsim sweep` writes them, for the analysis tests.

Tests give their tables with swept columns named by JSON path ("/load/rate") and one accuracy row
per point (column "point"); write_sweep stores them in coinsim's format: each path in its own
column (load_rate, serving_deadline_s; "/seed" only in the seed column), sweep.json mapping the
paths to the columns, and accuracy rows under "points" and "models_hash" -- one point per row
here, unless a test groups points itself (a "points" column of space-separated names).
"""
import csv
import json

DURATION_KEYS = {"deadline", "delay", "mean_between", "mean_duration", "mtbf", "mttr"}


def setting_column(path):
    """As coinsim's setting_column: "/serving/deadline" -> "serving_deadline_s"."""
    column = "".join(c if c.isalnum() else "_" for c in path.lstrip("/"))
    if path.rsplit("/", 1)[-1] in DURATION_KEYS:
        return column + "_s"
    return column + "_setting" if column in ("seed", "k", "r", "dataset") else column


def write_csv(path, columns, rows):
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        writer.writerows(rows)


def stored(columns, rows):
    """Columns renamed and "/seed" dropped, as coinsim stores them."""
    keep = [i for i, c in enumerate(columns) if c != "/seed"]
    names = [setting_column(columns[i]) if columns[i].startswith("/") else columns[i] for i in keep]
    return names, [[row[i] for i in keep] for row in rows]


def write_sweep(directory, summary_columns, summary_rows, accuracy_columns, accuracy_rows):
    axes = list(dict.fromkeys(c for c in summary_columns + accuracy_columns if c.startswith("/")))
    if "point" in accuracy_columns:
        at = accuracy_columns.index("point")
        accuracy_columns = (["models_hash", "points"] + accuracy_columns[:at]
                            + accuracy_columns[at + 1:])
        accuracy_rows = [[f"m{row[at]}", row[at]] + list(row[:at]) + list(row[at + 1:])
                         for row in accuracy_rows]
    write_csv(directory / "summary.csv", *stored(summary_columns, summary_rows))
    write_csv(directory / "accuracy.csv", *stored(accuracy_columns, accuracy_rows))
    points = {row[summary_columns.index("point")] for row in summary_rows}
    if "points" in accuracy_columns:
        at = accuracy_columns.index("points")
        points |= {name for row in accuracy_rows for name in str(row[at]).split()}
    record = {"name": directory.name, "axes": axes,
              "columns": {a: setting_column(a) for a in axes if a != "/seed"},
              "points": [{"name": name, "settings": {}} for name in sorted(points)]}
    (directory / "sweep.json").write_text(json.dumps(record, indent=2) + "\n")
