"""Review a returned .docx: tracked changes, comments and untracked edits per plan id; accept them.

The file is read defensively (a zip bomb or an XML entity expansion is refused before it costs
anything). Its paragraphs are attributed to ids through the pc_ bookmarks the Word writer put in;
a file without them falls back to matching headings by text. Untracked edits are found by exporting
the plan again and comparing the two files unit by unit (paragraph block, heading, indicator cell).
"""

from __future__ import annotations

from .compare import review_file
from .model import Finding, PlanUnknown, Review, ReviewError
from .report import review_report

__all__ = [
    "Finding",
    "PlanUnknown",
    "Review",
    "ReviewError",
    "review_file",
    "review_report",
]
