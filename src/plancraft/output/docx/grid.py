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


def column_widths(grid: Grid, header_rows: int, width: int = TEXT_WIDTH) -> list[int]:
    """Column widths in twips summing to the text width, by the longest one-column text in each."""
    weights = [3.0] * grid.columns
    for r, slots in enumerate(grid.rows):
        for column, cell, first in slots:
            if first and cell.colspan <= 1:
                length = sum(len(run.text) for run in cell.runs if isinstance(run, doc.Text))
                weights[column] = max(
                    weights[column], min(float(length), 14.0 if r >= header_rows else 6.0)
                )
    total = sum(weights)
    widths = [int(width * weight / total) for weight in weights]
    widths[-1] += width - sum(widths)
    return widths
