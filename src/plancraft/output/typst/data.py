"""The document tree as JSON data for the Typst template: text stays data, never markup."""

from __future__ import annotations

import base64
import dataclasses
from typing import Any

from ...compile import document as doc
from ...compile.fit import SHORT_CELL, placed_cells
from ..punctuation import CENTRED, CLOSING, OPENING

BOOKMARK_LEVELS: dict[str, dict[str, int]] = {
    "parts": {"part": 1, "chapter": 1, "section": 2, "cn": 2, "paren-cn": 3},
    "chapters": {"part": 1, "chapter": 1, "section": 2, "cn": 3},
    "volumes": {"volume": 1, "part": 1, "chapter": 2, "section": 3, "cn": 4},
}
"""The PDF bookmark level of each heading kind by numbering style, as plan.css sets bookmark-level
(absent: no bookmark)."""
TITLE_BOOKMARKS = {"preface": 1, "appendix": 1}
"""The 前言 and 附表 titles: bookmarks at the top level in every numbering style."""
SCALARS = frozenset({str, int, float, bool, type(None)})
"""Values that are JSON as they are."""
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
"""Each dataclass's field names, in order, as _field_names found them."""


def document_data(
    document: doc.Document,
    fonts: dict[str, list[str]],
    bold: dict[str, bool],
    attachments: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """Everything the template prints: the tree with each node tagged by its type, the families
    of each font role and whether it has a bold face, the punctuation classes, the ids a link may
    point at, the bookmark levels of this plan's numbering, and the files to attach."""
    return {
        "doc": _node(document),
        "fonts": fonts,
        "bold": bold,
        "marks": {
            "closing": "".join(sorted(CLOSING)),
            "opening": "".join(sorted(OPENING)),
            "centred": "".join(sorted(CENTRED)),
        },
        "anchors": dict.fromkeys(anchors(document), True),
        "bookmarks": BOOKMARK_LEVELS.get(document.numbering, BOOKMARK_LEVELS["parts"])
        | TITLE_BOOKMARKS,
        "spaced": sorted(doc.SPACED_KINDS),
        "attachments": attachments or [],
    }


def anchors(document: doc.Document) -> list[str]:
    """The ids the template places a label at: what the TOC and references may link to."""
    found = ["toc"] + (["notice"] if document.notice else [])
    found += [document.preface.id] if document.preface else []
    found += [document.appendix.id] if document.appendix else []
    pending: list[doc.Block] = list(document.body)
    pending += document.preface.blocks if document.preface else []
    pending += document.notice.blocks if document.notice else []
    while pending:
        block = pending.pop()
        if isinstance(block, doc.Division | doc.Box):
            found.append(block.id)
            pending.extend(block.blocks)
        elif isinstance(block, doc.Table) and block.table_kind != "prose":
            found.append(block.id)
        elif isinstance(block, doc.Paragraph) and block.id:
            found.append(block.id)
    return [anchor for anchor in found if anchor]


def _node(value: Any) -> Any:
    """A tree value as JSON: dataclasses as objects with a `node` tag, tuples as lists."""
    kind = type(value)
    if kind in SCALARS:
        return value
    if kind is list or kind is tuple:
        return [_node(item) for item in value]
    if isinstance(value, doc.Document):
        return _fields(value) | {"period_keywords": value.period_keywords}
    if isinstance(value, doc.Table):
        starts, covers = merged_spans(value)
        return _fields(value) | {
            "columns": column_kinds(value),
            "span_starts": starts,
            "covers": covers,
        }
    if isinstance(value, doc.Cell):
        return _fields(value) | {"short": len(doc.plain_text(value.runs)) <= SHORT_CELL}
    if isinstance(value, doc.Notice):
        before, signing, after = value.split_signing()
        return _fields(value) | {
            "before": _node(before),
            "signing": _node(signing),
            "after": _node(after),
        }
    if isinstance(value, doc.Image):
        return _fields(value) | {
            "bytes": image_bytes(value.data_url),
            "width": image_width(value.data_url),
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _fields(value)
    if isinstance(value, list | tuple):
        return [_node(item) for item in value]
    return value


def _fields(value: Any) -> dict[str, Any]:
    fields = {name: _node(getattr(value, name)) for name in _field_names(type(value))}
    return {"node": type(value).__name__.lower(), **fields}


def _field_names(kind: type) -> tuple[str, ...]:
    """The names of a dataclass's fields, in order, looked up once per class."""
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(field.name for field in dataclasses.fields(kind))
    return names


def column_kinds(table: doc.Table) -> list[str]:
    """For each column, `auto` when all its single-column cells are short (they never wrap), else
    `wrap` (the column shares the width left over)."""
    wraps: dict[int, bool] = {}
    for rows, header in ((table.header, True), (table.rows, False)):
        for column, cell in placed_cells(rows):
            short = (header or cell.kind in ("data", "seq", "domain")) and len(
                doc.plain_text(cell.runs)
            ) <= SHORT_CELL
            if cell.colspan == 1:
                wraps[column] = wraps.get(column, False) or not short
            else:
                for spanned in range(column, column + cell.colspan):
                    wraps.setdefault(spanned, False)
    return ["wrap" if wraps[column] else "auto" for column in sorted(wraps)]


def merged_spans(table: doc.Table) -> tuple[list[list[str]], list[list[str]]]:
    """The body's merged cells (rowspans: 领域, 子领域), each named by a key: for each row, the key
    of each of its cells ('' for a cell spanning one row), and the keys of the merged cells from
    rows above that reach into it (the template prints those again on a page they continue on)."""
    starts: list[list[str]] = []
    covers: list[list[str]] = []
    reaching: dict[str, int] = {}
    for number, row in enumerate(table.rows):
        covers.append(list(reaching))
        reaching = {key: left - 1 for key, left in reaching.items() if left > 1}
        keys = []
        for place, cell in enumerate(row.cells):
            key = f"{table.id}:{number}:{place}" if cell.rowspan > 1 else ""
            if key:
                reaching[key] = cell.rowspan - 1
            keys.append(key)
        starts.append(keys)
    return starts, covers


def image_bytes(data_url: str | None) -> list[int] | None:
    """The bytes of a data: URL as a list of numbers (Typst makes bytes of an array), or None."""
    if not data_url or ";base64," not in data_url:
        return None
    return list(base64.b64decode(data_url.split(";base64,", 1)[1]))


def image_width(data_url: str | None) -> float | None:
    """A raster image's width in points as WeasyPrint prints an <img>: a CSS pixel (0.75 pt) for
    each of its pixels, whatever resolution the file declares; None for SVG (Typst sizes it as a
    browser does) or an image that cannot be read."""
    if not data_url or data_url.startswith("data:image/svg") or ";base64," not in data_url:
        return None
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(base64.b64decode(data_url.split(";base64,", 1)[1]))) as picture:
            return picture.width * 0.75
    except (OSError, UnidentifiedImageError, ValueError):
        return None
