"""Generated prose for the docs (analysis/docs_tables.py renders it between markers): a
paragraph or a list item, wrapped as the hand-written Markdown around it is."""
import textwrap

WIDTH = 96


def paragraph(text):
    """`text` with its whitespace collapsed, wrapped at WIDTH columns (never inside a word with
    a hyphen, so that numbers such as −0.5 and names such as cheap-backup stay whole)."""
    return "\n".join(textwrap.wrap(" ".join(text.split()), width=WIDTH, break_on_hyphens=False))


def bullet(text):
    """A Markdown list item: "- " and the paragraph, continuation lines indented by two, every
    line within WIDTH."""
    lines = textwrap.wrap(" ".join(text.split()), width=WIDTH - 2, break_on_hyphens=False)
    return "- " + "\n  ".join(lines)
