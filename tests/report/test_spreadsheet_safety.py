"""Issue 28: an indicator named like a formula comes out inert in the CSV and the XLSX report."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from plancraft.cli import main
from tests.conftest import edit
from tests.report.sample import HOSTILE

NAME = "有集中供养需求的特困对象集中供养率"


def _plans(scratch: Path) -> list[str]:
    """City (the minimal plan) and a district of it whose first indicator is named HOSTILE."""
    district = scratch.parent / "district"
    shutil.copytree(scratch, district)
    edit(district / "plan.yaml", "numbering: parts", "parent: minimal\nnumbering: parts")
    edit(district / "indicators.yaml", f"name: {NAME}", f"name: '{HOSTILE}'")
    return [str(district)]


def test_the_csv_prefixes_a_formula_like_name(scratch: Path) -> None:
    result = CliRunner().invoke(main, ["indicators", *_plans(scratch), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert "'" + HOSTILE in {row["name"] for row in rows}
    assert not any(value.startswith("=") for row in rows for value in row.values())


def test_the_xlsx_stores_a_formula_like_name_as_text(scratch: Path) -> None:
    out = scratch.parent / "report.xlsx"
    args = ["indicators", *_plans(scratch), "--format", "xlsx", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    hostile = [cell for cell in cells if cell.value == HOSTILE]
    assert hostile and all(cell.data_type == "s" for cell in hostile)
    assert not any(cell.data_type == "f" for cell in cells)
