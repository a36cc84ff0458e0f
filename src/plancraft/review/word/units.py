"""A .docx as units (paragraph blocks, headings, indicator cells) attributed to plan ids."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ...output.docx.ids import PREFIX
from ...output.docx.units import Unit, squash, toc_paragraphs, unit_text, units, unname
from .model import (
    W,
)

__all__ = [
    "PREFIX",
    "Context",
    "Unit",
    "has_bookmarks",
    "label_of",
    "owner",
    "squash",
    "toc_paragraphs",
    "unit_text",
    "units",
    "unname",
]


def has_bookmarks(root: etree._Element) -> bool:
    """Whether the file still carries plancraft's bookmarks."""
    return any(
        mark.get(f"{W}name", "").startswith(PREFIX) for mark in root.iter(f"{W}bookmarkStart")
    )


def owner(element: etree._Element, index: dict[int, tuple[str, int]]) -> tuple[str, int]:
    """The unit an element belongs to: its paragraph's, or the next paragraph's when it sits between
    paragraphs (a comment range Word starts before a table, say)."""
    paragraph = element if element.tag == f"{W}p" else next(element.iterancestors(f"{W}p"), None)
    following = element
    while paragraph is None and following is not None:
        following = following.getnext()
        if following is not None:
            paragraph = next(following.iter(f"{W}p"), None)
    return index.get(id(paragraph), ("cover", -1)) if paragraph is not None else ("cover", -1)


# The review --------------------------------------------------------------------------------------


@dataclass
class Context:
    """A plan exported again, for comparing: its units and what its ids and columns mean."""

    units: dict[tuple[str, int], Unit]
    names: dict[str, str]
    headings: dict[str, str]
    columns: dict[str, tuple[str, ...]]
    """Per row id, the field of each grid column."""
    appendix_rows: dict[str, str]
    """Appendix row id → indicator id."""
    plan_root: Path


def label_of(key: tuple[str, int], context: Context) -> tuple[str, str, str]:
    """(id, field, where) for a unit key."""
    anchor, column = key
    where = "附表" if anchor in context.appendix_rows else ""
    ident = context.appendix_rows.get(anchor, anchor)
    fields = context.columns.get(anchor, ())
    return ident, fields[column] if 0 <= column < len(fields) else "", where
