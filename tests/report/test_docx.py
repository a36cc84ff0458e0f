"""The Word renderer: the report as a document tree written by the Word writer."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest

from plancraft.report import Cell, Column, Group, Report, Row, Sheet, render
from plancraft.report.document import report_document
from tests.report.sample import sample


def test_the_docx_holds_the_title_and_a_table_per_group() -> None:
    from docx import Document

    book = Document(io.BytesIO(render(sample(), "docx")))
    text = "\n".join(paragraph.text for paragraph in book.paragraphs)
    assert "Sample report" in text and "first: 2 rows" in text and "note: two rows" in text
    [table] = book.tables[1:] if len(book.tables) > 1 else book.tables
    assert [cell.text for cell in table.rows[0].cells] == ["Name", "Delta", "Status", "Change"]
    assert table.rows[1].cells[3].text == "target 911"


def test_the_same_report_gives_the_same_bytes() -> None:
    assert render(sample(), "docx") == render(sample(), "docx")


def test_a_wide_table_goes_on_a_landscape_page() -> None:
    columns = [Column(f"c{n}", f"第{n}列标题较长") for n in range(14)]
    row = Row({f"c{n}": Cell("一个相当长的单元格内容") for n in range(14)})
    wide = Report("wide", [Sheet("wide", columns, [Group(rows=[row])])])
    [division] = report_document(wide, "docx").body
    assert division.blocks[-1].landscape
    [small] = [b for b in report_document(sample(), "docx").body[0].blocks if b.kind == "table"]
    assert not small.landscape


@pytest.mark.slow  # LibreOffice: `make test` installs it (scripts/setup.sh --test)
def test_libreoffice_opens_the_docx(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(render(sample(), "docx"))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "report.pdf").stat().st_size > 1000
