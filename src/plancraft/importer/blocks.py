"""What a source document is read into: lines of text and tables, each with its source line."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class GridCell:
    """A table cell as read: its text and how many columns it spans."""

    text: str
    colspan: int = 1


@dataclass(slots=True)
class Grid:
    """A table as read: header rows and body rows; None marks a cell merged with the one above."""

    line: int
    header: list[list[GridCell]]
    rows: list[list[GridCell | None]]
    caption: str = ""
    caption_number: int | None = None
    notes: list[str] = field(default_factory=list)
    seq_column: int | None = None
    group_columns: int = 0

    @property
    def width(self) -> int:
        """The number of columns."""
        rows = self.header + [[cell for cell in row if cell is not None] for row in self.rows]
        return max((sum(cell.colspan for cell in row) for row in rows), default=0)


@dataclass(slots=True)
class Line:
    """A paragraph of the source: one line of a .txt file or one paragraph of a .docx."""

    line: int
    text: str
    bold_lead: str = ""
    heading_level: int = 0
    box_until: int = 0
    """For a 专栏 line that opens a box with a known end (a quoted 专栏): the box's last source line."""


Block = Line | Grid
