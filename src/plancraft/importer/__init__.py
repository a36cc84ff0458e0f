"""Bring an existing plan document (.txt or .docx) into plancraft as a draft plan folder."""

from __future__ import annotations

from .run import ImportFailure, ImportResult, import_document, import_into, target_problem

__all__ = [
    "ImportFailure",
    "ImportResult",
    "import_document",
    "import_into",
    "target_problem",
]
