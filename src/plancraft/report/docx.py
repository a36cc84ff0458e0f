"""Reports as a Word file: the report's document tree written by the Word writer (GB/T 9704 page)."""

from __future__ import annotations

from .document import report_document
from .model import Report


def render(report: Report) -> bytes:
    """The .docx bytes; the same report gives the same bytes."""
    from ..output.docx import write_docx

    return write_docx(report_document(report, "docx"))
