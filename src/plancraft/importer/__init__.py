"""Bring an existing plan document (.txt, .md, .docx or .pdf) into plancraft as a draft plan folder."""

from __future__ import annotations

from .notes import summary_lines, write_notes
from .run import ImportFailure, ImportResult, import_document, import_into, target_problem

__all__ = [
    "ImportFailure",
    "ImportResult",
    "import_document",
    "import_into",
    "summary_lines",
    "target_problem",
    "write_notes",
]
