"""The text renderer: headings, a line per row from the columns' templates, marks."""

from __future__ import annotations

from plancraft.report import render
from tests.report.sample import HOSTILE, sample


def test_rows_follow_the_column_templates_and_marks_show_as_brackets() -> None:
    text = render(sample(), "text").decode("utf-8")
    assert text == (
        "first: 2 rows\nnote: two rows\n"
        "  beds-3 (worse)\n    target [-9-]{+11+}\n"
        f"  {HOSTILE}-2.5 (ok)\n"
        "\nsecond: empty\ndone\n"
    )


def test_colour_makes_headings_bold_and_marks_coloured() -> None:
    text = render(sample(), "text", colour=True).decode("utf-8")
    assert "\x1b[1mfirst: 2 rows" in text and "[-9-]" not in text and "\x1b[32m" in text
