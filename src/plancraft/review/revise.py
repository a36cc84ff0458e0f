"""Revisions between two versions of a run of text, and the blocks of a document by owner: what the
redline marks with."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..compile import document as doc
from .outline import Paragraph


def revised(old: Paragraph, new: Paragraph, author: str, date: str) -> list[doc.Inline]:
    """The runs of `new` with what changed from `old` as revisions, kept text with its marks."""
    runs: list[doc.Inline] = []
    matcher = difflib.SequenceMatcher(None, old.keys, new.keys, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            runs += styled(new, b1, b2)
            continue
        if a2 > a1:
            runs.append(doc.Revision("-", styled(old, a1, a2), author, date))
        if b2 > b1:
            runs.append(doc.Revision("+", styled(new, b1, b2), author, date))
    return runs


def styled(text: Paragraph, start: int, end: int) -> list[doc.Inline]:
    """Characters start to end as text runs, bold, italic or code as they were."""
    runs: list[doc.Inline] = []
    index = start
    while index < end:
        marks = text.marks[index]
        stop = index
        while stop < end and text.marks[stop] == marks:
            stop += 1
        piece = text.span(index, stop)
        run: doc.Inline = doc.Code(piece) if "code" in marks else doc.Text(piece)
        if "emphasis" in marks:
            run = doc.Emphasis([run])
        if "strong" in marks:
            run = doc.Strong([run])
        runs.append(run)
        index = stop
    return runs


def owners(document: doc.Document) -> Iterator[tuple[str, list[doc.Block]]]:
    """(id, own blocks) of the notice, the preface, every division and box."""
    if document.notice:
        yield "notice", document.notice.blocks
    if document.preface:
        yield document.preface.id, document.preface.blocks
        yield from divisions(document.preface.blocks)
    yield from divisions(document.body)


def divisions(blocks: list[doc.Block]) -> Iterator[tuple[str, list[doc.Block]]]:
    for block in blocks:
        if isinstance(block, doc.Division | doc.Box):
            yield block.id, block.blocks
            yield from divisions(block.blocks)


def own_blocks(blocks: list[doc.Block]) -> Iterator[doc.Block]:
    """The blocks a division or box holds itself, in lists and quotes too, not in its children."""
    for block in blocks:
        yield block
        if isinstance(block, doc.ListBlock):
            for item in block.items:
                yield from own_blocks(item)
        elif isinstance(block, doc.Quote):
            yield from own_blocks(block.blocks)
