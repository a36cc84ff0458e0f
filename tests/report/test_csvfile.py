"""The CSV renderer: column keys as header, marks as brackets, no cell that starts a formula."""

from __future__ import annotations

import csv
import io

from plancraft.report import Cell, Column, Group, Report, Row, Sheet, render
from tests.report.sample import HOSTILE, sample


def test_rows_under_a_header_of_column_keys() -> None:
    rows = list(csv.reader(io.StringIO(render(sample(), "csv").decode("utf-8"))))
    assert rows[0] == ["name", "delta", "status", "change"]
    assert rows[1] == ["beds", "-3", "worse", "target [-9-]{+11+}"]


def test_formula_like_text_is_prefixed_but_negative_numbers_stay_numbers() -> None:
    rows = list(csv.reader(io.StringIO(render(sample(), "csv").decode("utf-8"))))
    assert rows[2][:2] == ["'" + HOSTILE, "-2.5"]


def test_every_formula_start_is_escaped_in_a_text_column() -> None:
    starts = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]
    sheet = Sheet("s", [Column("v", "v")], [Group(rows=[Row({"v": Cell(s)}) for s in starts])])
    text = render(Report("t", [sheet]), "csv").decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert [row[0] for row in rows[1:]] == ["'" + s.replace("\r", "\n") for s in starts]
