"""Tables laid out on a grid of slots (spans resolved) and given column widths by their content."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...compile import document as doc
from .styles import (
    TEXT_WIDTH,
)


@dataclass
class Grid:
    """A table laid on its grid: per row, (column, cell, whether the cell starts here)."""

    columns: int
    rows: list[list[tuple[int, doc.Cell, bool]]] = field(default_factory=list)


def lay_out(rows: list[doc.Row]) -> Grid:
    """Place cells as HTML does (rowspans push later cells right); continuation slots are marked."""
    taken: dict[tuple[int, int], tuple[doc.Cell, bool]] = {}
    laid: list[list[tuple[int, doc.Cell, bool]]] = []
    width = 0
    for r, row in enumerate(rows):
        column = 0
        for cell in row.cells:
            while (r, column) in taken:
                column += 1
            for dr in range(max(cell.rowspan, 1)):
                for dc in range(max(cell.colspan, 1)):
                    taken[(r + dr, column + dc)] = (cell, dr == 0)
            column += max(cell.colspan, 1)
        width = max(width, column)
    for r in range(len(rows)):
        slots = []
        column = 0
        while column < width:
            found = taken.get((r, column))
            if found is None:
                slots.append((column, doc.Cell([]), True))
                column += 1
                continue
            cell, first = found
            slots.append((column, cell, first))
            column += max(cell.colspan, 1)
            while column < width and taken.get((r, column), (None,))[0] is cell:
                column += 1
        laid.append(slots)
    return Grid(width, laid)


CELL_CHAR = 210
"""One 五号 (10.5 pt) character of a table cell, in twips."""
CELL_PADDING = 2 * 108 + 40
"""A cell's left and right margins (Word's 0.19 cm each) and a little air, in twips."""


def text_length(cell: doc.Cell) -> float:
    """The cell's text in character widths: a CJK character one, an ASCII one half."""
    text = "".join(run.text for run in cell.runs if isinstance(run, doc.Text))
    return sum(0.5 if ord(char) < 128 else 1.0 for char in text)


def column_widths(grid: Grid, header_rows: int, width: int = TEXT_WIDTH) -> list[int]:
    """Column widths in twips summing to the text width: each column as wide as its longest
    one-column text (up to 14 characters, 6 in a header) where that fits, the narrow columns kept
    whole and the wide ones sharing what is left, and any room to spare shared by all."""
    natural = [3.0 * CELL_CHAR + CELL_PADDING] * grid.columns
    for r, slots in enumerate(grid.rows):
        for column, cell, first in slots:
            if first and cell.colspan <= 1:
                length = min(text_length(cell), 14.0 if r >= header_rows else 6.0)
                natural[column] = max(natural[column], length * CELL_CHAR + CELL_PADDING)
    if sum(natural) > width:
        narrow = [w if w <= width / grid.columns else 0.0 for w in natural]
        room = width - sum(narrow)
        wide = sum(w for w, n in zip(natural, narrow, strict=True) if not n)
        natural = [n or w * room / wide for w, n in zip(natural, narrow, strict=True)]
    total = sum(natural)
    widths = [int(width * w / total) for w in natural]
    widths[-1] += width - sum(widths)
    return widths
