"""Tables: every row fills the grid, and no table is too wide for the page it prints on."""

from __future__ import annotations

from ...diagnostics import Diagnostics, Location
from ...i18n import _
from ...source.model import IndicatorTable, Plan, Table
from ..assemble import placed_tables
from ..fit import width_problem
from .rule import rule


@rule("tables", "table-shape")
def check_tables(plan: Plan, diagnostics: Diagnostics) -> None:
    """Every header and row fills as many columns as the table has, spans included."""
    for table in plan.tables:
        _check_table(table, diagnostics)


@rule("table-widths", "table-too-wide")
def check_table_widths(plan: Plan, diagnostics: Diagnostics) -> None:
    """A placed table whose short cells would wrap where it prints (estimated from text, no layout)."""
    sources: dict[str, Table | IndicatorTable] = {table.id: table for table in plan.tables}
    if plan.indicators:
        sources[plan.indicators.id] = plan.indicators
    for table, boxed in placed_tables(plan):
        problem = width_problem(table, boxed)
        if problem is not None and table.id in sources:
            message, hint = problem
            diagnostics.warning(
                sources[table.id].location, message, code="table-too-wide", hint=hint
            )


def _check_table(table: Table, diagnostics: Diagnostics) -> None:
    rows = table.header + table.rows
    widths = _grid_widths(rows)
    if not widths:
        return
    # The first header row says how many columns there are; without a header, most rows do.
    expected = widths[0] if table.header else max(set(widths), key=widths.count)
    for index, width in enumerate(widths):
        if width != expected:
            message = (
                _("table '{id}': header {number} has {width} cells where the table has {expected}")
                if index < len(table.header)
                else _(
                    "table '{id}': row {number} has {width} cells where the table has {expected}"
                )
            )
            number = index + 1 if index < len(table.header) else index - len(table.header) + 1
            diagnostics.error(
                _row_location(table, index),
                message.format(id=table.id, number=number, width=width, expected=expected),
                code="table-shape",
                hint=_("count rowspan/colspan cells"),
            )
    for index, row in enumerate(rows):
        end = len(table.header) if index < len(table.header) else len(rows)
        for cell in row:
            if index + cell.rowspan > end:
                diagnostics.error(
                    _row_location(table, index),
                    _(
                        "table '{id}': the cell '{cell}' spans {rows} rows but only {left} are left"
                    ).format(id=table.id, cell=cell.text, rows=cell.rowspan, left=end - index),
                    code="table-shape",
                )


def _row_location(table: Table, index: int) -> Location:
    """Where row `index` (header rows first) is written, else the table."""
    return table.row_locations[index] if index < len(table.row_locations) else table.location


def _grid_widths(rows: list) -> list[int]:
    """How many columns each row fills, counting cells that span down from rows above."""
    carried: dict[int, int] = {}
    widths = []
    for row in rows:
        column, width = 0, 0
        for cell in row:
            while carried.get(column, 0) > 0:
                carried[column] -= 1
                column, width = column + 1, width + 1
            for offset in range(cell.colspan):
                if cell.rowspan > 1:
                    carried[column + offset] = cell.rowspan - 1
            column, width = column + cell.colspan, width + cell.colspan
        while carried.get(column, 0) > 0:
            carried[column] -= 1
            column, width = column + 1, width + 1
        widths.append(width)
    return widths
