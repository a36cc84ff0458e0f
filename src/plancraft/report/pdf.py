"""Reports as a PDF: the report's document tree through the HTML writer and WeasyPrint."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..diagnostics import Diagnostics
from .document import report_document
from .model import Report


class ReportPdfError(Exception):
    """WeasyPrint could not lay the report out."""


def render(report: Report) -> bytes:
    """The PDF bytes, laid out as a plan's PDF is (a landscape page for a wide table)."""
    from ..output.html import render_html
    from ..output.pdf import write_pdf

    html = render_html(report_document(report, "pdf"))
    with tempfile.TemporaryDirectory(prefix="plancraft-report-") as folder:
        target = Path(folder) / "report.pdf"
        found = Diagnostics()
        if not write_pdf(html, target, Path(folder), found):
            raise ReportPdfError("; ".join(d.message for d in found.errors))
        return target.read_bytes()
