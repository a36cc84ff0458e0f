"""The XLSX renderer: frozen header, widths, status fills, numbers as numbers, never a formula."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from plancraft.report import render
from tests.report.sample import HOSTILE, sample


def _sheet():
    return load_workbook(io.BytesIO(render(sample(), "xlsx")))["sample"]


def test_header_frozen_widths_and_status_fills() -> None:
    sheet = _sheet()
    assert [cell.value for cell in sheet[1]] == ["Name", "Delta", "Status", "Change"]
    assert sheet.freeze_panes == "A2" and sheet.column_dimensions["A"].width == 20
    worse = next(row for row in sheet.iter_rows() if row[2].value == "worse")
    assert worse[2].fill.fgColor.rgb.endswith("F4A3A3") and worse[1].value == -3


def test_a_formula_like_name_is_text_and_a_negative_number_a_number() -> None:
    sheet = _sheet()
    hostile = next(row for row in sheet.iter_rows() if row[0].value == HOSTILE)
    assert hostile[0].data_type == "s" and hostile[1].value == -2.5
    assert hostile[1].data_type == "n"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
