"""What a review finds: findings per id, notes, and what --accept applied or kept."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...output.docx.styles import W_NS

W = f"{{{W_NS}}}"
APPENDIX_FIELDS = ("seq", "name", "unit", "baseline", "target", "nature")
YAML_FIELDS = {"baseline", "target", "unit", "nature"}


class ReviewError(Exception):
    """A returned file that cannot be reviewed: the message says why."""


class PlanUnknown(ReviewError):
    """The file does not say which plan it came from and none was given."""


@dataclass
class Finding:
    """One thing a reviewer did, at a plan id."""

    kind: str
    """insertion, deletion, change (tracked, of an indicator cell), comment, edit (untracked) or
    conflict (untracked, of a unit the plan also changed since the export)."""
    id: str
    text: str
    """What was inserted or deleted, the comment, or the new text."""
    old: str = ""
    """For a change or an edit the text before it; for a conflict the plan's text now; for a
    comment the text it is anchored on."""
    author: str = ""
    date: str = ""
    field: str = ""
    """For an indicator cell: the column (target, baseline …)."""
    where: str = ""
    """附表 for a row of the appendix table."""
    ref: str = ""
    """The comment's or tracked change's w:id in the returned file."""


@dataclass
class Review:
    """Everything found in one returned file."""

    source: str
    slug: str
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """What makes the review less sure: a file without the record of its export's text."""
    applied: list[str] = field(default_factory=list)
    """Accepted changes written to the sources, one line each."""
    kept: list[str] = field(default_factory=list)
    """Accepted changes that could not be placed in the sources, one line each."""


# Reading the file safely -------------------------------------------------------------------------
