"""The text renderer: headings, a line per row from the columns' templates, marks."""

from __future__ import annotations

from plancraft.report import Cell, Column, Group, Report, Row, Sheet, render
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


def test_padded_columns_count_a_chinese_character_as_two_terminal_columns() -> None:
    columns = [Column("status", "状态", "status", text="{:<6}"), Column("name", "指标", text="|{}")]
    rows = [Row({"status": Cell(s, status="ok"), "name": Cell("x")}) for s in ("达成", "ahead")]
    text = render(Report("t", [Sheet("s", columns, [Group("", rows)])]), "text").decode("utf-8")
    assert text.splitlines() == ["  达成  |x", "  ahead |x"]
