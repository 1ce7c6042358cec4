"""analysis/docs_tables.py: a generated table is rendered from its result file, a hand edit of it
is found by --check, and a broken marker or a missing file is one message naming the place."""
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import docs_tables

SCRIPT = Path(docs_tables.__file__)
CSV = """model,method,steps,seeds,degraded_task_mean,degraded_task_sd,degraded_all_mean,\
degraded_all_sd,construction_s_median,construction_flops
lenet5,coin,,5,0.8123,0.0345,0.7,0.01,1.25,4e+10
"""
ROW = "| lenet5 | coin | — | 0.812 ± 0.035 | 0.700 ± 0.010 | 1.25 | 4e+10 |"


class DocsTables(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        (self.dir / "frontier.csv").write_text(CSV)
        self.doc = self.dir / "doc.md"
        self.doc.write_text(f"Intro.\n<!-- generated: frontier {self.dir}/frontier.csv -->\n"
                            "| old |\n<!-- end generated -->\nAfter.\n")

    def run_script(self, *arguments):
        return subprocess.run([sys.executable, str(SCRIPT), *arguments, str(self.doc)],
                              capture_output=True, text=True)

    def test_rewrites_the_table_from_its_file_and_then_checks_clean(self):
        self.assertEqual(self.run_script("--check").returncode, 1)
        self.assertEqual(self.run_script().returncode, 0)
        text = self.doc.read_text()
        self.assertTrue(text.startswith("Intro.\n<!-- generated: frontier "))
        self.assertIn(ROW + "\n<!-- end generated -->\nAfter.\n", text)
        self.assertEqual(self.run_script("--check").returncode, 0)

    def test_a_hand_edited_number_is_found(self):
        self.run_script()
        self.doc.write_text(self.doc.read_text().replace("0.812", "0.821"))
        result = self.run_script("--check")
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"{self.doc}:2 ({self.dir}/frontier.csv)", result.stderr)

    def test_broken_markers_and_missing_files_are_named(self):
        self.doc.write_text(f"<!-- generated: frontier {self.dir}/frontier.csv -->\n| x |\n")
        self.assertEqual(self.run_script().stderr.strip(),
                         f"docs_tables: {self.doc}:1: no \"<!-- end generated -->\" after this "
                         "generated table")
        self.doc.write_text(f"<!-- generated: frontier {self.dir}/gone.csv -->\n"
                            "<!-- end generated -->\n")
        self.assertEqual(self.run_script().stderr.strip(),
                         f"docs_tables: {self.doc}:1: {self.dir}/gone.csv: no such result file")
        self.doc.write_text(f"<!-- generated: plot {self.dir}/frontier.csv -->\n"
                            "<!-- end generated -->\n")
        self.assertIn("unknown table kind \"plot\"", self.run_script().stderr)


if __name__ == "__main__":
    unittest.main()
