"""Reports as a PDF: the report's document tree through the HTML writer and WeasyPrint."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..compile.document import Document
from ..diagnostics import Diagnostics
from .document import report_document
from .model import Report


class ReportPdfError(Exception):
    """WeasyPrint could not lay the report out."""


def render(report: Report) -> bytes:
    """The PDF bytes, laid out as a plan's PDF is (a landscape page for a wide table)."""
    return document_pdf(report_document(report, "pdf"))


def document_pdf(document: Document) -> bytes:
    """The PDF of a document tree made for a report, through the HTML writer and WeasyPrint."""
    from ..output.html import render_html
    from ..output.pdf import write_pdf

    html = render_html(document)
    with tempfile.TemporaryDirectory(prefix="plancraft-report-") as folder:
        target = Path(folder) / "report.pdf"
        found = Diagnostics()
        if not write_pdf(html, target, Path(folder), found):
            raise ReportPdfError("; ".join(d.message for d in found.errors))
        return target.read_bytes()
