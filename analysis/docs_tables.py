#!/usr/bin/env python3
"""The tables of README.md and docs/ that quote measurements, regenerated from the committed
result files so that no quoted number is typed by hand.

A generated table sits between two marker lines naming how it is made and from which file:

    <!-- generated: accuracy-study results/reference/accuracy-study.csv -->
    | ... the table ... |
    <!-- end generated -->

Kinds: accuracy-study (analysis/accuracy_study.py's tables), default-study and its reading
finding-default-study, cloud-study and finding-cloud-study (a harsher scenario over seeds; all
analysis/default_study.py), decoding-scenarios and its reading (analysis/decoding_study.py),
end-to-end and finding-end-to-end (analysis/end_to_end_study.py), timing-default-run,
timing-paper-sweeps, timing-sweep-speedup and timing-accuracy-speedup (analysis/timings.py:
measured wall times), bench-simulator and bench-fisher (analysis/benchmarks.py: Google
Benchmark reports, JSON), frontier (analysis/frontier_study.py), and finding-<name>: a
paragraph of prose reading out a paper sweep (analysis/paper_findings.py) or an accuracy study
(analysis/accuracy_findings.py). Paths are relative to the repository.

  analysis/docs_tables.py [FILE...]          rewrite every generated table in the files
  analysis/docs_tables.py --check [FILE...]  exit 1, naming each table that differs from its file
                                             (ctest runs this)
Without files: README.md, docs/*.md and the READMEs under scenarios/.
"""
import csv
import json
import os
import re
import sys
from pathlib import Path

import accuracy_findings
import accuracy_study
import benchmarks
import decoding_study
import default_study
import end_to_end_study
import frontier_study
import paper_findings
import timings

ROOT = Path(__file__).resolve().parent.parent
RENDERERS = {"accuracy-study": accuracy_study.markdown, "end-to-end": end_to_end_study.markdown,
             "finding-end-to-end": end_to_end_study.reading,
             "frontier": frontier_study.markdown, **paper_findings.RENDERERS,
             **accuracy_findings.RENDERERS, "default-study": default_study.markdown,
             "default-brief": default_study.brief,
             "finding-default-study": default_study.reading,
             "cloud-study": default_study.cloud, "finding-cloud-study": default_study.cloud_reading,
             "decoding-scenarios": decoding_study.markdown,
             "finding-decoding-scenarios": decoding_study.reading, **timings.RENDERERS,
             **benchmarks.RENDERERS}
BEGIN = re.compile(r"^<!-- generated: (\S+) (\S+) -->$")
END = "<!-- end generated -->"


class DocsError(Exception):
    pass


def typed(text):
    """A CSV cell back as the study scripts wrote it: int, float or (empty) string."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def read_rows(path):
    with open(path, newline="") as f:
        return [{k: typed(v) for k, v in row.items()} for row in csv.DictReader(f)]


def read_report(path):
    """A JSON result file (a Google Benchmark report), parsed."""
    try:
        with open(path) as f:
            return json.load(f)
    except json.JSONDecodeError as error:
        raise DocsError(f"{path}: not JSON: {error}") from error


def render(kind, table, where):
    if kind not in RENDERERS:
        raise DocsError(f"{where}: unknown table kind \"{kind}\" (known: "
                        f"{', '.join(RENDERERS)})")
    path = ROOT / table
    if not path.is_file():
        raise DocsError(f"{where}: {table}: no such result file")
    rows = read_report(path) if path.suffix == ".json" else read_rows(path)
    if not rows:
        raise DocsError(f"{where}: {table}: no rows")
    try:
        return RENDERERS[kind](rows)
    except (paper_findings.FindingError, ValueError) as error:
        raise DocsError(f"{where}: {table}: {error}") from error


def regenerate(text, name):
    """(the text with every generated table rendered afresh, [labels of tables that changed])."""
    lines = text.split("\n")
    out, changed, i = [], [], 0
    while i < len(lines):
        out.append(lines[i])
        begin = BEGIN.match(lines[i])
        i += 1
        if not begin:
            continue
        where = f"{name}:{i}"
        try:
            end = lines.index(END, i)
        except ValueError:
            raise DocsError(f"{where}: no \"{END}\" after this generated table") from None
        fresh = render(*begin.groups(), where).split("\n")
        if lines[i:end] != fresh:
            changed.append(f"{where} ({begin.group(2)})")
        out += fresh + [END]
        i = end + 1
    return "\n".join(out), changed


def main(arguments):
    check = arguments[:1] == ["--check"]
    files = arguments[1:] if check else arguments
    if any(f.startswith("-") for f in files):
        sys.exit(__doc__)
    files = files or [str(ROOT / "README.md")] + sorted(
        str(p) for p in [*(ROOT / "docs").glob("*.md"), *(ROOT / "scenarios").rglob("README.md")])
    stale = []
    for name in files:
        text = Path(name).read_text()
        fresh, changed = regenerate(text, name)
        stale += changed
        if changed and not check:
            temporary = f"{name}.tmp"
            Path(temporary).write_text(fresh)
            os.replace(temporary, name)
    if check and stale:
        sys.exit("docs_tables: tables that differ from their result files (run "
                 "analysis/docs_tables.py on the file): " + "; ".join(stale))
    for label in stale:
        print(f"rewrote {label}")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except (DocsError, OSError) as e:
        sys.exit(f"docs_tables: {e}")
