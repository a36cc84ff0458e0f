"""A report as plancraft's document tree (compile/document.py), for the Word and PDF writers."""

from __future__ import annotations

import os

from .. import __version__
from ..compile import document as doc
from ..compile.fit import landscape
from ..compile.titles import title_lines
from ..i18n import _
from .cells import text_of
from .model import Cell, Column, Group, Mark, Report, Sheet


def report_document(report: Report, fmt: str) -> doc.Document:
    """The tree of `report` as renderer `fmt` shows it: a cover with the title, a division per sheet,
    a table per group (on a landscape page when too wide for portrait)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    created = ""
    if epoch.isdigit():
        import datetime as dt

        created = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    sheets = report.sheets_in(fmt)
    body: list[doc.Block] = [
        _division(sheet, number, fmt) for number, sheet in enumerate(sheets, start=1)
    ]
    body += [doc.Paragraph([doc.Text(line)]) for line in report.summary]
    meta: list[doc.Block] = [doc.Paragraph([doc.Text(line)]) for line in report.meta]
    return doc.Document(
        slug="report",
        title=report.title,
        issuer="",
        period=(None, None),
        numbering="parts",
        created=created,
        generator=f"plancraft {__version__}",
        notice=None,
        cover=doc.Cover(report.title, "", "", [], title_lines(report.title)),
        toc=[
            doc.TocEntry(f"sheet-{number}", "", _title(sheet), 1, "part")
            for number, sheet in enumerate(sheets, start=1)
        ],
        preface=doc.Preface("meta", "", meta) if meta else None,
        body=body,
        appendix=None,
    )


def _title(sheet: Sheet) -> str:
    return sheet.title or sheet.name


def _division(sheet: Sheet, number: int, fmt: str) -> doc.Division:
    columns = sheet.columns_in(fmt)
    blocks: list[doc.Block] = [doc.Paragraph([doc.Text(note)]) for note in sheet.notes]
    if any(cell.marks for row in sheet.rows() for cell in row.cells.values()):
        blocks.append(
            doc.Paragraph([doc.Text(_("Underlined text is inserted, struck text deleted."))])
        )
    for index, group in enumerate(sheet.groups, start=1):
        blocks += _group(group, columns, f"sheet-{number}-{index}")
    heading = doc.Heading("", _title(sheet), "part", 1)
    return doc.Division(f"sheet-{number}", heading, blocks)


def _group(group: Group, columns: list[Column], ident: str) -> list[doc.Block]:
    blocks: list[doc.Block] = []
    if group.heading:
        blocks.append(doc.Paragraph([doc.Strong([doc.Text(group.heading)])]))
    blocks += [doc.Paragraph([doc.Text(note)]) for note in group.notes]
    if not group.rows:
        return blocks
    header = [doc.Row([doc.Cell([doc.Text(column.label)]) for column in columns])]
    rows = [
        doc.Row([_cell(row.cell(column.key), column) for column in columns]) for row in group.rows
    ]
    table = doc.Table(ident, "", header, rows)
    table.landscape = landscape(table)
    return [*blocks, table]


def _cell(cell: Cell, column: Column) -> doc.Cell:
    align = "right" if column.type == "number" else ""
    if cell.marks:
        return doc.Cell([_mark(mark) for mark in cell.marks], align=align)
    return doc.Cell([doc.Text(text_of(cell.value))], align=align)


def _mark(mark: Mark) -> doc.Inline:
    if mark.op in "+-":
        return doc.Revision(mark.op, [doc.Text(mark.text)])
    return doc.Text(mark.text)
