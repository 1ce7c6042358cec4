"""analysis/prose.py: generated paragraphs wrap like the Markdown around them and never split a
signed number or a hyphenated name."""
import unittest

from prose import WIDTH, paragraph


class Paragraph(unittest.TestCase):

    def test_whitespace_collapsed_and_lines_within_the_width(self):
        text = paragraph("word " * 60 + "\n   cheap-backup    −0.512-wide")
        self.assertTrue(all(len(line) <= WIDTH for line in text.split("\n")))
        self.assertGreater(text.count("\n"), 1)
        self.assertNotIn("  ", text)
        self.assertIn("cheap-backup", text.replace("\n", " ").split(" "))
        self.assertTrue(text.endswith("−0.512-wide"))


if __name__ == "__main__":
    unittest.main()
