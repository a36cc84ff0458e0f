"""A .docx body as units (paragraph blocks, headings, indicator cells) attributed to plan ids:
what a review compares, and what an export records as its base."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from .ids import PREFIX
from .styles import W_NS

W = f"{{{W_NS}}}"


@dataclass
class Unit:
    """The text at one id: a paragraph block, heading, or one cell of an indicator row."""

    key: tuple[str, int]
    """(id, column); column is -1 outside an indicator row."""
    base: list[str] = field(default_factory=list)
    """Paragraph texts before tracked changes."""
    paragraphs: list[etree._Element] = field(default_factory=list)


def unit_text(element: etree._Element, accept: set[str] | None, who: str = "all") -> str:
    """Text of a paragraph: accept=None gives the text before tracked changes; else after accepting
    the changes by `who` ('all' or an author)."""
    parts = []
    for node in element.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br"):
        change = next(
            (a for a in node.iterancestors(f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo")),
            None,
        )
        inserted = change is not None and change.tag in (f"{W}ins", f"{W}moveTo")
        deleted = change is not None and not inserted
        mine = change is not None and (who == "all" or change.get(f"{W}author", "") == who)
        if accept is None:
            keep = not inserted
        else:
            keep = (inserted and mine) or (deleted and not mine) or change is None
        if keep:
            if node.tag in (f"{W}t", f"{W}delText"):
                parts.append(node.text or "")
            elif node.tag == f"{W}tab":
                parts.append("\t")
    return "".join(parts)


def row_mark(paragraph: etree._Element) -> tuple[str, int] | None:
    """(bookmark, column) for a paragraph in a row of a many-row table whose first cell starts a
    pc_ bookmark: an indicator row."""
    cell = next(paragraph.iterancestors(f"{W}tc"), None)
    if cell is None:
        return None
    row = cell.getparent()
    table = row.getparent()
    rows = _rows(table)
    if next(rows, None) is None or next(rows, None) is None:  # two rows at least
        return None
    cells = row.findall(f"{W}tc")
    for mark in cells[0].iter(f"{W}bookmarkStart"):
        name = mark.get(f"{W}name", "")
        if name.startswith(PREFIX):
            column = 0
            for other in cells:
                if other is cell:
                    break
                span = other.find(f"{W}tcPr/{W}gridSpan")
                column += int(span.get(f"{W}val", "1")) if span is not None else 1
            return name, column
    return None


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    """The rows of a table, one at a time: counting them all for each paragraph made review of a
    15,000-row table take over nine minutes."""
    return table.iterchildren(f"{W}tr")


def units(root: etree._Element, names: dict[str, str], headings: dict[str, str] | None) -> dict:
    """The units of a document body, in order. With `headings` (text → id), bookmarks are ignored
    and paragraphs belong to the last heading seen."""
    found: dict[tuple[str, int], Unit] = {}
    current = "cover"
    body = root.find(f"{W}body")
    contents = toc_paragraphs(body)
    skipped = {id(paragraph) for paragraph in contents}
    for paragraph in body.iter(f"{W}p"):
        if id(paragraph) in skipped:
            continue  # made from the headings, its page numbers from a layout: not text a reviewer wrote
        text = unit_text(paragraph, None)
        key: tuple[str, int]
        if headings is not None:
            current = headings.get(squash(text), current)
            key = (current, -1)
        else:
            row = row_mark(paragraph)
            if row is not None:
                key = (names.get(row[0], unname(row[0])), row[1])
            else:
                for mark in paragraph.iter(f"{W}bookmarkStart"):
                    name = mark.get(f"{W}name", "")
                    if name.startswith(PREFIX):
                        current = names.get(name, unname(name))
                key = (current, -1)
        unit = found.setdefault(key, Unit(key))
        if text:  # empty paragraphs (spacing, a section break) are not text a reviewer wrote
            unit.base.append(text)
        unit.paragraphs.append(paragraph)
    return found


def toc_paragraphs(body: etree._Element) -> list[etree._Element]:
    """The 目录's paragraphs: plancraft's entries (a link to a heading holding a PAGEREF field, as
    Word and LibreOffice keep them), and those of a TOC field Word or LibreOffice made."""
    found: list[etree._Element] = []
    fields: list[str] = []
    for paragraph in body.iter(f"{W}p"):
        inside = "TOC" in fields or any(
            (node.text or "").split()[:1] == ["PAGEREF"]
            for link in paragraph.iter(f"{W}hyperlink")
            if link.get(f"{W}anchor")
            for node in link.iter(f"{W}instrText")
        )
        for node in paragraph.iter(f"{W}fldChar", f"{W}instrText"):
            if node.tag == f"{W}instrText":
                if fields and not fields[-1] and (node.text or "").split()[:1] == ["TOC"]:
                    fields[-1] = "TOC"
            elif node.get(f"{W}fldCharType") == "begin":
                fields.append("")
            elif node.get(f"{W}fldCharType") == "end" and fields:
                fields.pop()
            inside = inside or "TOC" in fields
        if inside:
            found.append(paragraph)
    return found


def unname(name: str) -> str:
    return name[len(PREFIX) :].replace("_", "-")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
