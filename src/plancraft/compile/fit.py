"""Whether a table fits the portrait text block or goes on a landscape page (docs/pdf-layout.md)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..i18n import _
from . import document as doc

TEXT_BLOCK_PT = 156 / 25.4 * 72
"""The portrait 版心 width, 156 mm, in points."""
LANDSCAPE_BLOCK_PT = 225 / 25.4 * 72
"""The landscape 版心 width, 225 mm (the portrait height), in points."""
TABLE_FONT_PT = 10.5
"""The table font size in plan.css (table.grid, table.indicators)."""
CELL_EXTRA_PT = 2 * 3 + 0.75
"""A cell's left and right padding plus one border, in points (plan.css)."""
WRAPPING_MIN_CHARS = 4
"""The narrowest a column of wrapping text may get, in full-width characters."""
SHORT_CELL = 7
"""Cells of at most this many characters (序号, 2020年, 单位, 约束性) never wrap in print (the HTML
writer marks them `short`)."""


def landscape(table: doc.Table, explicit: bool | None = None) -> bool:
    """The explicit choice when given, else whether the table's minimum width exceeds the text block."""
    if explicit is not None:
        return explicit
    return minimum_width(table) > TEXT_BLOCK_PT


def minimum_width(table: doc.Table) -> float:
    """An estimate of the narrowest the table can print, in points: per column, its widest short
    (non-wrapping) cell or WRAPPING_MIN_CHARS full-width characters, plus padding and border."""
    widths: dict[int, float] = {}
    for rows, header in ((table.header, True), (table.rows, False)):
        for column, cell in placed_cells(rows):
            if cell.colspan == 1:
                widths[column] = max(widths.get(column, 0.0), _cell_width(cell, header))
    return sum(width + CELL_EXTRA_PT for width in widths.values())


def _cell_width(cell: doc.Cell, header: bool) -> float:
    text = doc.plain_text(cell.runs)
    if (header or cell.kind == "data") and len(text) <= SHORT_CELL:
        return text_width(text)
    return WRAPPING_MIN_CHARS * TABLE_FONT_PT


def text_width(text: str) -> float:
    """The printed width of text at the table font size: full-width characters one em, others half."""
    return sum(
        TABLE_FONT_PT if unicodedata.east_asian_width(char) in "WF" else TABLE_FONT_PT / 2
        for char in text
    )


def placed_cells(rows: list[doc.Row]) -> list[tuple[int, doc.Cell]]:
    """Every cell with its first column, skipping columns held by rowspans from rows above."""
    held: dict[int, int] = {}
    placed = []
    for row in rows:
        column = 0
        for cell in row.cells:
            while held.get(column, 0) > 0:
                column += 1
            placed.append((column, cell))
            for spanned in range(column, column + cell.colspan):
                held[spanned] = cell.rowspan
            column += cell.colspan
        held = {column: left - 1 for column, left in held.items() if left > 1}
    return placed


def has_landscape(document: doc.Document) -> bool:
    """Whether any table of the document goes on a landscape page."""
    return any(table.landscape for table, _boxed in tables(document))


def tables(document: doc.Document) -> Iterator[tuple[doc.Table, bool]]:
    """Every table of the document, with whether it sits in a 专栏."""
    blocks = [(block, False) for block in document.body]
    blocks += [(block, False) for block in (document.preface.blocks if document.preface else [])]
    if document.appendix:
        blocks.append((document.appendix, False))
    while blocks:
        block, boxed = blocks.pop()
        if isinstance(block, doc.Table):
            yield block, boxed
        elif isinstance(block, doc.Division | doc.Box):
            inside = boxed or isinstance(block, doc.Box)
            blocks.extend((child, inside) for child in block.blocks)


def width_problem(table: doc.Table, boxed: bool) -> tuple[str, str] | None:
    """What is wrong when the table's short cells must wrap where it prints, as (message, hint):
    wider than a landscape page, or wider than a portrait one and kept portrait (landscape: false,
    or inside a 专栏). An estimate from the cells' text (`minimum_width`), not a layout."""
    width = minimum_width(table)
    if width <= TEXT_BLOCK_PT:
        return None
    needed = round(width / 72 * 25.4)
    if table.landscape and width > LANDSCAPE_BLOCK_PT:
        message = _(
            "table {table} needs about {width} mm, more than even a landscape page gives (225 mm); "
            "its short cells will wrap"
        )
        hint = _("split the table, or shorten its headings and units")
    elif not table.landscape and boxed:
        message = _(
            "table {table} needs about {width} mm, more than a portrait page gives (156 mm), and "
            "a table inside a 专栏 stays portrait; its short cells will wrap"
        )
        hint = _("move the table out of the 专栏, or split it")
    elif not table.landscape:
        message = _(
            "table {table} needs about {width} mm, more than a portrait page gives (156 mm), and "
            "says landscape: false; its short cells will wrap"
        )
        hint = _("remove landscape: false, and the table goes on a landscape page")
    else:
        return None
    return message.format(table=table.id, width=needed), hint


def portrait(blocks: list[doc.Block]) -> list[doc.Block]:
    """The blocks of a 专栏 with every table kept portrait: a box is one frame on one page."""
    for block in blocks:
        if isinstance(block, doc.Table):
            block.landscape = False
        elif isinstance(block, doc.Division | doc.Box):
            portrait(block.blocks)
    return blocks
