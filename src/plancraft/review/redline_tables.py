"""The redline's tables: indicator rows by id, the plan's own and Markdown tables row by row."""

from __future__ import annotations

from collections.abc import Iterator

from ..compile import document as doc
from .diff import pair_paragraphs
from .outline import Paragraph, paragraph
from .revise import own_blocks, owners, revised


def mark_tables(old: doc.Document, new: doc.Document, author: str, date: str) -> None:
    """Mark in `new` the changed cells of indicator rows (a new indicator's row as inserted) and the
    changed, added and removed rows of the plan's other tables."""
    old_rows = {
        (table.table_kind, row.id): row for table in _tables(old) for row in table.rows if row.id
    }
    for table in _tables(new):
        for row in table.rows:
            if (table.table_kind, row.id) in old_rows:
                _mark_row(old_rows[table.table_kind, row.id], row, author, date)
            elif row.id:
                for cell in row.cells:
                    if cell.runs and cell.rowspan == 1:
                        cell.runs = [doc.Revision("+", cell.runs, author, date)]
    grids = dict(_grids(old))
    for key, table in _grids(new):
        if key in grids:
            _mark_grid(grids[key], table, author, date)


def _tables(document: doc.Document) -> list[doc.Table]:
    """The indicator tables and the appendix: their rows have the indicators' ids."""
    found: list[doc.Table] = []

    def visit(blocks: list[doc.Block]) -> None:
        for block in blocks:
            if isinstance(block, doc.Table) and block.table_kind == "indicators":
                found.append(block)
            elif isinstance(block, doc.Division | doc.Box):
                visit(block.blocks)

    visit(document.body)
    if document.appendix:
        found.append(document.appendix)
    return found


def _mark_row(old: doc.Row, new: doc.Row, author: str, date: str) -> None:
    if len(old.cells) != len(new.cells):
        return
    for before, after in zip(old.cells, new.cells, strict=True):
        a, b = paragraph(before.runs), paragraph(after.runs)
        if a.keys != b.keys:
            after.runs = revised(a, b, author, date)


def _grids(document: doc.Document) -> Iterator[tuple[tuple[str, str, int], doc.Table]]:
    """The plan's own tables and those written in Markdown, keyed by id, or for a table without one
    by its owner's id and its place among the owner's tables without one."""
    for owner, blocks in owners(document):
        unnamed = 0
        for block in own_blocks(blocks):
            if isinstance(block, doc.Table) and block.table_kind in ("grid", "prose"):
                if block.id:
                    yield ("", block.id, 0), block
                else:
                    unnamed += 1
                    yield (owner, "", unnamed), block


def _mark_grid(old: doc.Table, new: doc.Table, author: str, date: str) -> None:
    """Header and body rows paired as paragraphs are: a changed row marked cell by cell, a new row
    as inserted, a removed one put back as deleted where it stood (unless a cell spans rows)."""
    for before, after in ((old.header, new.header), (old.rows, new.rows)):
        spans = any(cell.rowspan > 1 for row in before + after for cell in row.cells)
        old_keys = [_row_text(row) for row in before]
        new_keys = [_row_text(row) for row in after]
        rows = {id(key): row for key, row in zip(old_keys + new_keys, before + after, strict=True)}
        kept: list[doc.Row] = []
        for a, b in pair_paragraphs(old_keys, new_keys):
            if b is not None:
                row = rows[id(b)]
                if a is None:
                    for cell in row.cells:
                        cell.runs = (
                            [doc.Revision("+", cell.runs, author, date)] if cell.runs else []
                        )
                elif a.keys != b.keys:
                    _mark_row(rows[id(a)], row, author, date)
                kept.append(row)
            elif a is not None and not spans:
                kept.append(_deleted_row(rows[id(a)], author, date))
        after[:] = kept


def _row_text(row: doc.Row) -> Paragraph:
    return Paragraph.of("\t".join(paragraph(cell.runs).text for cell in row.cells))


def _deleted_row(row: doc.Row, author: str, date: str) -> doc.Row:
    cells = [
        doc.Cell(
            [doc.Revision("-", cell.runs, author, date)] if cell.runs else [],
            cell.rowspan,
            cell.colspan,
            cell.kind,
            cell.align,
        )
        for cell in row.cells
    ]
    return doc.Row(cells, row.group, row.id)
