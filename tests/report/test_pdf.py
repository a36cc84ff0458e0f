"""The PDF renderer: the report's document tree laid out by WeasyPrint, read back as text."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from plancraft.report import render
from tests.report.sample import sample


@pytest.mark.pdf
def test_the_pdf_holds_the_title_and_the_table() -> None:
    reader = PdfReader(io.BytesIO(render(sample(), "pdf")))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Sample report" in text and "first: 2 rows" in text and "beds" in text
