"""The PDF renderer: the report's document tree laid out by WeasyPrint, read back as text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from plancraft.diagnostics import Location
from plancraft.report import render
from tests.report.sample import sample


@pytest.mark.pdf
def test_the_pdf_holds_the_title_and_the_table() -> None:
    reader = PdfReader(io.BytesIO(render(sample(), "pdf")))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Sample report" in text and "first: 2 rows" in text and "beds" in text


def test_the_report_goes_through_the_pdf_writer_and_its_failure_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """report/pdf.py without a layout: the writer's bytes come back, its errors become ReportPdfError."""
    from plancraft.output import pdf as pdf_writer
    from plancraft.report.pdf import ReportPdfError, render

    def fake(html: str, target: Path, root: Path, found, *args: object) -> bool:
        assert "<html" in html and root.is_dir()
        target.write_bytes(b"%PDF-stand-in")
        return True

    monkeypatch.setattr(pdf_writer, "write_pdf", fake)
    assert render(sample()) == b"%PDF-stand-in"

    def failing(html: str, target: Path, root: Path, found, *args: object) -> bool:
        found.error(Location(str(root)), "the layout failed")
        return False

    monkeypatch.setattr(pdf_writer, "write_pdf", failing)
    with pytest.raises(ReportPdfError, match="the layout failed"):
        render(sample())
