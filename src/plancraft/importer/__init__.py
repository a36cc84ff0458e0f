"""Bring an existing plan document (.txt or .docx) into plancraft as a draft plan folder."""

from __future__ import annotations

from .run import ImportResult, import_document, import_into

__all__ = ["ImportResult", "import_document", "import_into"]
