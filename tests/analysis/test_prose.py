"""analysis/prose.py: generated paragraphs wrap like the Markdown around them and never split a
signed number or a hyphenated name."""
import unittest

from prose import WIDTH, bullet, paragraph


class Paragraph(unittest.TestCase):

    def test_whitespace_collapsed_and_lines_within_the_width(self):
        text = paragraph("word " * 60 + "\n   cheap-backup    −0.512-wide")
        self.assertTrue(all(len(line) <= WIDTH for line in text.split("\n")))
        self.assertGreater(text.count("\n"), 1)
        self.assertNotIn("  ", text)
        self.assertIn("cheap-backup", text.replace("\n", " ").split(" "))
        self.assertTrue(text.endswith("−0.512-wide"))


    def test_bullet_indents_its_continuation_lines_within_the_width(self):
        lines = bullet("**Bold** lead " + "word " * 60 + "end.").split("\n")
        self.assertTrue(lines[0].startswith("- **Bold** lead word"))
        self.assertGreater(len(lines), 2)
        self.assertTrue(all(line.startswith("  word") for line in lines[1:]))
        self.assertTrue(all(len(line) <= WIDTH for line in lines))
        self.assertTrue(lines[-1].endswith("end."))


if __name__ == "__main__":
    unittest.main()
