"""Reports as an XLSX workbook: a worksheet per sheet, the header frozen, cells coloured by status."""

from __future__ import annotations

import io
import re

from ..i18n import _
from .cells import spreadsheet_value
from .model import Cell, Column, Report, Sheet

BAD_NAME = re.compile(r"[\[\]:*?/\\]")


def render(report: Report) -> bytes:
    """The workbook; text is stored as text (never a formula), numbers of number columns as numbers."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for sheet in report.sheets_in("xlsx"):
        _sheet(book, sheet, report)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(book, sheet: Sheet, report: Report) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    fills = {
        key: PatternFill("solid", fgColor=status.fill) for key, status in report.statuses.items()
    }
    target = book.create_sheet(BAD_NAME.sub(" ", sheet.name)[:31] or "report")
    columns = sheet.columns_in("xlsx")
    for index, column in enumerate(columns, start=1):
        cell = target.cell(row=1, column=index, value=column.label)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        target.column_dimensions[get_column_letter(index)].width = column.width
    line = 1
    headed = len(sheet.groups) > 1
    for group in sheet.groups:
        if headed and group.heading:
            line += 1
            _put_text(target.cell(row=line, column=1), group.heading).font = bold
        for row in group.rows:
            line += 1
            for index, column in enumerate(columns, start=1):
                data = row.cell(column.key)
                cell = target.cell(row=line, column=index)
                _put(cell, data, column)
                if data.status in fills:
                    cell.fill = fills[data.status]
    target.freeze_panes = f"{get_column_letter(sheet.frozen_columns + 1)}2"
    used = [key for key in report.statuses if any(_has(sheet, key))]
    if used and any(column.type == "status" for column in columns):
        line += 2
        at = min(2, len(columns))
        _put_text(target.cell(row=line, column=at), _("Legend")).font = bold
        for key in used:
            line += 1
            label = f"{report.statuses[key].label}（{key}）"
            _put_text(target.cell(row=line, column=at), label).fill = fills[key]


def _put(cell, data: Cell, column: Column) -> None:
    value = spreadsheet_value(data, column)
    if isinstance(value, str):
        _put_text(cell, value)
    else:
        cell.value = value


def _put_text(cell, text: str):
    """Store `text` as text, even when it starts like a formula; the cell."""
    cell.value = text
    cell.data_type = "s"
    return cell


def _has(sheet: Sheet, status: str):
    return (cell.status == status for row in sheet.rows() for cell in row.cells.values())
