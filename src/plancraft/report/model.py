"""A report as data: sheets of typed columns and grouped rows, with notes, a summary and figures.

Every report plancraft prints (diff, indicators, review) is built as a `Report` and rendered by the
renderers of this package; a renderer decides how things look, the report only what they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ColumnType = Literal["text", "number", "status", "marks"]
Value = str | int | float | bool | None


@dataclass(slots=True)
class Mark:
    """A piece of marked text: kept (=), deleted (-) or inserted (+)."""

    op: str
    text: str


@dataclass(slots=True)
class Cell:
    """One value of a row."""

    value: Value = None
    """What spreadsheets and tools get: text, a number, a flag, or None for nothing."""
    status: str = ""
    """A key of `Report.statuses`: the cell is coloured and filtered by it."""
    marks: list[Mark] = field(default_factory=list)
    """Inserted and deleted text, shown instead of `value` by text, HTML and Word."""
    title: str = ""
    """More about the cell, shown on hover in HTML."""
    href: str = ""
    """A link target in the HTML page (a figure's `#id`)."""


@dataclass(slots=True)
class Column:
    """What one column holds and how it is shown."""

    key: str
    """Its name for tools: the CSV header and the key of `Row.cells`."""
    label: str
    """Its heading for readers, in the report's language."""
    type: ColumnType = "text"
    """text; number (stays a number in spreadsheets); status (cells carry a status); marks."""
    width: int = 12
    """A width hint in characters (XLSX column width, Word column share)."""
    text: str = "{}"
    """How the text renderer prints a non-empty cell: a format string with its own spacing."""
    formats: frozenset[str] | None = None
    """The renderers that show this column; None: every renderer."""
    hidden: frozenset[str] = frozenset()
    """The renderers that leave this column out (text, where a row is a sentence of its own)."""

    def shown_in(self, fmt: str) -> bool:
        """Whether renderer `fmt` shows the column."""
        return (self.formats is None or fmt in self.formats) and fmt not in self.hidden


@dataclass(slots=True)
class Row:
    """One line of a table: cells by column key (a missing key is an empty cell)."""

    cells: dict[str, Cell]

    def cell(self, key: str) -> Cell:
        """The cell of column `key`, empty when the row has none."""
        return self.cells.get(key) or Cell()


@dataclass(slots=True)
class Group:
    """Rows under one heading."""

    heading: str = ""
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Lines printed under the heading, before the rows."""


@dataclass(slots=True)
class Figure:
    """An inline SVG drawing for the HTML page, with the id that cells link to."""

    id: str
    caption: str
    svg: str


@dataclass(slots=True)
class Sheet:
    """One table of a report: a worksheet in XLSX, a section in HTML and Word."""

    name: str
    """Its short name: the XLSX worksheet's tab (at most 31 characters)."""
    columns: list[Column]
    groups: list[Group]
    title: str = ""
    """A heading above the table (HTML and Word)."""
    notes: list[str] = field(default_factory=list)
    """Paragraphs above the table (HTML and Word)."""
    figures: list[Figure] = field(default_factory=list)
    figures_title: str = ""
    figures_notes: list[str] = field(default_factory=list)
    formats: frozenset[str] | None = None
    """The renderers that show this sheet; None: every renderer. CSV takes the first it shows."""
    frozen_columns: int = 0
    """Columns kept in view when scrolling sideways in XLSX (the header row always is)."""
    search: str = ""
    """The placeholder of the HTML page's filter box; empty: no box."""
    css: str = "report"
    """The class of the HTML table."""

    def shown_in(self, fmt: str) -> bool:
        """Whether renderer `fmt` shows the sheet."""
        return self.formats is None or fmt in self.formats

    def columns_in(self, fmt: str) -> list[Column]:
        """The columns renderer `fmt` shows."""
        return [column for column in self.columns if column.shown_in(fmt)]

    def rows(self) -> list[Row]:
        """Every row, group after group."""
        return [row for group in self.groups for row in group.rows]


@dataclass(slots=True)
class Status:
    """How a status is called and coloured."""

    label: str
    fill: str
    """Background colour, RRGGBB."""
    ink: str = "333333"
    """A darker colour of the same hue for text and lines, RRGGBB."""


@dataclass(slots=True)
class Report:
    """A whole report."""

    title: str
    sheets: list[Sheet]
    meta: list[str] = field(default_factory=list)
    """Lines under the title (HTML and Word): what was compared, revisions …"""
    summary: list[str] = field(default_factory=list)
    """Lines after the tables."""
    statuses: dict[str, Status] = field(default_factory=dict)
    """Every status a cell may carry, most serious first (the order of filters and sorting)."""
    data: Any = None
    """The machine form the JSON renderer writes as it is; None: the rows of every sheet."""

    def sheets_in(self, fmt: str) -> list[Sheet]:
        """The sheets renderer `fmt` shows."""
        return [sheet for sheet in self.sheets if sheet.shown_in(fmt)]


def rows_sheet(
    title: str,
    rows: list[dict[str, Value]],
    fields: tuple[str, ...],
    numbers: tuple[str, ...] = (),
    wide: tuple[str, ...] = (),
    formats: frozenset[str] | None = None,
) -> Sheet:
    """One flat sheet of `rows` (dicts) under their field names, a `status` field coloured (CSV and
    the workbook's last sheet: every field, as tools read it)."""
    columns = [
        Column(
            key,
            key,
            "status" if key == "status" else "number" if key in numbers else "text",
            30 if key in wide else 12,
        )
        for key in fields
    ]
    cells = [
        Row(
            {
                key: Cell(value, status=str(value or "") if key == "status" else "")
                for key, value in row.items()
            }
        )
        for row in rows
    ]
    return Sheet(title, columns, [Group(rows=cells)], formats=formats)
